package io.vigil.detectors;

/** A kind of detector, by name: makes fresh per-series detectors and restores checkpointed ones. */
public interface DetectorType {

  /** The name users select it by, e.g. {@code default}. */
  String name();

  /** A new detector for a series with no history. */
  Detector create();

  /** A detector whose state is the one {@link Detector#checkpoint()} encoded. */
  Detector restore(byte[] checkpoint);
}
