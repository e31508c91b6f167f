package io.vigil.detectors.logs;

import java.util.EnumSet;
import java.util.Set;

/**
 * Settings of a {@link TemplateMiner}, checked once here.
 *
 * @param variableValues distinct values a position must show, in templates equal elsewhere, before it
 *     becomes a variable (2 or more)
 * @param minConstantWords tokens holding a letter that must stay constant when a position is
 *     generalised (0 or more): short messages such as {@code warning} or {@code boot (command <*>)}
 *     never collapse into one template
 * @param maxTemplates templates one miner holds; past it, lines that match none are reported as
 *     overflow rather than creating more
 * @param maxSignatures masked lines remembered for the exact-match fast path
 * @param maxLineChars characters of a line that are mined; the rest is ignored
 * @param masks what is masked before mining
 */
public record TemplateMinerConfig(
    int variableValues, int minConstantWords, int maxTemplates, int maxSignatures, int maxLineChars, Set<MaskKind> masks) {

  /** The settings measured on the development part of Loghub-2k (see the README's "Log templates"). */
  public static TemplateMinerConfig defaults() {
    return new TemplateMinerConfig(3, 2, 2_000, 50_000, 2_048, EnumSet.complementOf(EnumSet.of(MaskKind.QUOTED)));
  }

  public TemplateMinerConfig {
    if (variableValues < 2 || variableValues > 1_000) {
      throw new IllegalArgumentException("variableValues must be in 2..1000, got " + variableValues);
    }
    if (minConstantWords < 0 || minConstantWords > 1_000) {
      throw new IllegalArgumentException("minConstantWords must be in 0..1000, got " + minConstantWords);
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
    return new TemplateMinerConfig(values, minConstantWords, maxTemplates, maxSignatures, maxLineChars, masks);
  }

  /** These settings with another number of words kept constant when generalising. */
  public TemplateMinerConfig withMinConstantWords(int words) {
    return new TemplateMinerConfig(variableValues, words, maxTemplates, maxSignatures, maxLineChars, masks);
  }

  /** These settings with another cap on templates. */
  public TemplateMinerConfig withMaxTemplates(int templates) {
    return new TemplateMinerConfig(variableValues, minConstantWords, templates, maxSignatures, maxLineChars, masks);
  }

  /** These settings with another line length cut. */
  public TemplateMinerConfig withMaxLineChars(int chars) {
    return new TemplateMinerConfig(variableValues, minConstantWords, maxTemplates, maxSignatures, chars, masks);
  }

  /** These settings with other masks. */
  public TemplateMinerConfig withMasks(Set<MaskKind> kinds) {
    return new TemplateMinerConfig(variableValues, minConstantWords, maxTemplates, maxSignatures, maxLineChars, kinds);
  }
}
