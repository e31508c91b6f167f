package io.vigil.detectors.logs;

import java.util.EnumSet;
import java.util.Set;

/**
 * Settings of a {@link TemplateMiner}, checked once here.
 *
 * @param variableValues distinct values a position must show, in templates equal elsewhere, before it
 *     becomes a variable (2 or more)
 * @param similarity the fraction of a template's tokens that must stay constant when a position is
 *     generalised (0..1): short messages such as {@code warning} never become all wildcards
 * @param maxTemplates templates one miner holds; past it, lines that match none are reported as
 *     overflow rather than creating more
 * @param maxSignatures masked lines remembered for the exact-match fast path
 * @param maxLineChars characters of a line that are mined; the rest is ignored
 * @param masks what is masked before mining
 */
public record TemplateMinerConfig(
    int variableValues, double similarity, int maxTemplates, int maxSignatures, int maxLineChars, Set<MaskKind> masks) {

  /** The settings measured on the development part of Loghub-2k (see the README's "Log templates"). */
  public static TemplateMinerConfig defaults() {
    return new TemplateMinerConfig(3, 0.4, 5_000, 50_000, 2_048, EnumSet.complementOf(EnumSet.of(MaskKind.QUOTED)));
  }

  public TemplateMinerConfig {
    if (variableValues < 2 || variableValues > 1_000) {
      throw new IllegalArgumentException("variableValues must be in 2..1000, got " + variableValues);
    }
    if (!(similarity >= 0 && similarity <= 1)) {
      throw new IllegalArgumentException("similarity must be in 0..1, got " + similarity);
    }
    if (maxTemplates < 1) {
      throw new IllegalArgumentException("maxTemplates must be at least 1, got " + maxTemplates);
    }
    if (maxSignatures < 0) {
      throw new IllegalArgumentException("maxSignatures must be at least 0, got " + maxSignatures);
    }
    if (maxLineChars < 1) {
      throw new IllegalArgumentException("maxLineChars must be at least 1, got " + maxLineChars);
    }
    masks = masks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(masks));
  }

  /** These settings with another number of distinct values that makes a variable. */
  public TemplateMinerConfig withVariableValues(int values) {
    return new TemplateMinerConfig(values, similarity, maxTemplates, maxSignatures, maxLineChars, masks);
  }

  /** These settings with another constant fraction kept when generalising. */
  public TemplateMinerConfig withSimilarity(double fraction) {
    return new TemplateMinerConfig(variableValues, fraction, maxTemplates, maxSignatures, maxLineChars, masks);
  }

  /** These settings with another cap on templates. */
  public TemplateMinerConfig withMaxTemplates(int templates) {
    return new TemplateMinerConfig(variableValues, similarity, templates, maxSignatures, maxLineChars, masks);
  }

  /** These settings with another line length cut. */
  public TemplateMinerConfig withMaxLineChars(int chars) {
    return new TemplateMinerConfig(variableValues, similarity, maxTemplates, maxSignatures, chars, masks);
  }

  /** These settings with other masks. */
  public TemplateMinerConfig withMasks(Set<MaskKind> kinds) {
    return new TemplateMinerConfig(variableValues, similarity, maxTemplates, maxSignatures, maxLineChars, kinds);
  }
}
