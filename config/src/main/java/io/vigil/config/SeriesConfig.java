package io.vigil.config;

import java.util.List;

/** How series map onto services. */
public record SeriesConfig(List<String> serviceDimensions) {

  static SeriesConfig from(ConfigSection section) {
    List<String> dimensions = section.strings("serviceDimensions");
    if (dimensions.isEmpty()) {
      throw new ConfigException(section.keyOf("serviceDimensions"), "must name at least one dimension");
    }
    section.finish();
    return new SeriesConfig(dimensions);
  }
}
