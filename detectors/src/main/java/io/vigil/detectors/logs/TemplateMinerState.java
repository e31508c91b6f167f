package io.vigil.detectors.logs;

import java.util.List;

/**
 * Everything a {@link TemplateMiner} remembers, as plain values; {@link TemplateMinerStateMapper}
 * writes it, {@link TemplateMiner#restore} rebuilds the miner from it.
 *
 * @param groups every template ever created, by id, merged ones included (they point at the survivor)
 * @param signatures masked lines remembered for the fast path, each with the template id it went to
 * @param evidence per template and position, the distinct values seen there
 * @param overflowLines lines that matched nothing once the miner was full
 */
public record TemplateMinerState(
    List<Group> groups, List<Signature> signatures, List<Evidence> evidence, long overflowLines) {

  public TemplateMinerState {
    groups = List.copyOf(groups);
    signatures = List.copyOf(signatures);
    evidence = List.copyOf(evidence);
  }

  /**
   * One template.
   *
   * @param parent the id of the template it was merged into, or -1
   * @param count lines it held (before a merge) or holds
   * @param tokens its tokens; {@link TemplateMiner#GENERALISED} marks a position made variable by evidence
   */
  public record Group(int parent, long count, List<String> tokens) {
    public Group {
      tokens = List.copyOf(tokens);
    }
  }

  /** A masked line and the template id it maps to. */
  public record Signature(String line, int group) {}

  /** The templates and distinct values seen under one evidence key (the hash of a template with one position blanked). */
  public record Evidence(long key, List<Integer> groups, List<String> values) {
    public Evidence {
      groups = List.copyOf(groups);
      values = List.copyOf(values);
    }
  }
}
