package io.vigil.eval.loghub;

import java.util.List;

/**
 * One system's labelled sample, in file order.
 *
 * @param system the folder name (HDFS, Linux, ...)
 * @param contents each line's message part, what a miner sees
 * @param eventIds each line's ground-truth template id
 * @param templates each line's ground-truth template, {@code <*>} for a variable
 */
public record LoghubSample(String system, List<String> contents, List<String> eventIds, List<String> templates) {

  public LoghubSample {
    contents = List.copyOf(contents);
    eventIds = List.copyOf(eventIds);
    templates = List.copyOf(templates);
    if (contents.size() != eventIds.size() || contents.size() != templates.size()) {
      throw new IllegalArgumentException(system + ": contents, event ids and templates differ in length");
    }
  }

  public int lines() {
    return contents.size();
  }

  /** Distinct ground-truth templates. */
  public long truthTemplates() {
    return eventIds.stream().distinct().count();
  }
}
