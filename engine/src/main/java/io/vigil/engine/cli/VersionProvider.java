package io.vigil.engine.cli;

import io.vigil.engine.VigilEngine;
import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (Implementation-Version), or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"vigil " + version()};
  }

  static String version() {
    return VigilEngine.version();
  }
}
