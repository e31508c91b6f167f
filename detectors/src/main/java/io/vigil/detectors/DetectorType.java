package io.vigil.detectors;

import java.util.Map;
import java.util.TreeSet;

/** A kind of detector, by name: makes fresh per-series detectors and restores checkpointed ones. */
public interface DetectorType {

  /** The name users select it by, e.g. {@code default}. */
  String name();

  /** A new detector for a series with no history. */
  Detector create();

  /** A detector whose state is the one {@link Detector#checkpoint()} encoded. */
  Detector restore(byte[] checkpoint);

  /**
   * This type with some of its settings changed, by name (a list as comma-separated numbers), so
   * users can compare settings on their own history and run the ones they chose. A type without
   * settings accepts none. Fails with a message that names the setting.
   */
  default DetectorType withSettings(Map<String, String> settings) {
    if (!settings.isEmpty()) {
      throw new IllegalArgumentException(
          "detector '" + name() + "' has no settings, got " + String.join(", ", new TreeSet<>(settings.keySet())));
    }
    return this;
  }
}
