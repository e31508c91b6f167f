package io.vigil.config;

import java.util.Locale;

/**
 * How Vigil writes its own log.
 *
 * @param format {@code text} (one readable line per event) or {@code json} (one JSON object per line,
 *     for log shippers)
 */
public record LogConfig(Format format) {

  /** The two shapes of a log line. */
  public enum Format { TEXT, JSON }

  static LogConfig from(ConfigSection section) {
    String name = section.nonEmptyString("format");
    Format format;
    try {
      format = Format.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(section.keyOf("format"), "must be text or json, was \"" + name + "\"");
    }
    section.finish();
    return new LogConfig(format);
  }
}
