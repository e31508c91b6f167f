package io.vigil.deployments;

import java.util.Locale;

/**
 * Evidence against a deployment that is not a metric: a log pattern first seen after it, a
 * diagnostics signature during its verification, a failed synthetic check, tasks of the new version failing to start, the rollout itself
 * failing. Each weighs in the score like a metric that got worse.
 *
 * @param name what it is (a pattern id, a signature, a check's name)
 * @param detail the line, title or reason that shows it
 */
public record Penalty(Kind kind, String name, double weight, String detail) {

  /** The kinds of penalty. */
  public enum Kind {
    NEW_LOG_PATTERN, DIAGNOSTIC, FAILED_CHECK, TASKS_FAILED, ROLLOUT_FAILED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Kind fromWire(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }
}
