package io.vigil.config;

import java.nio.file.Path;

/** Where Vigil keeps its state on disk (the embedded broker's log among it). */
public record StorageConfig(Path dataDir) {

  static StorageConfig from(ConfigSection section) {
    StorageConfig config = new StorageConfig(Path.of(section.nonEmptyString("dataDir")));
    section.finish();
    return config;
  }
}
