package io.vigil.config;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One known failure of the diagnostics catalog: what it is, what it looks like in logs, ECS events
 * and CloudFormation stack events, and what to do about it. Immutable; its patterns are compiled
 * once, when the catalog is loaded.
 *
 * @param category one of {@link SignatureCatalog#CATEGORIES}
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param logs regexes over log lines (found anywhere in the line)
 * @param ecsReasons regexes over ECS service event messages and stopped tasks' reasons
 * @param exitCodes container exit codes of stopped ECS tasks
 * @param stackReasons regexes over CloudFormation stack events' status reasons
 * @param metrics conditions on a metric's anomalous value
 * @param steps what to do, in order; {@code {service}} stands for the service
 */
public record Signature(
    String id,
    String category,
    String severity,
    String title,
    String explanation,
    List<Pattern> logs,
    List<Pattern> ecsReasons,
    Set<Integer> exitCodes,
    List<Pattern> stackReasons,
    List<MetricCondition> metrics,
    List<String> steps) {

  /** A metric condition: the metric's value above or below a bound (NaN: no bound that side). */
  public record MetricCondition(String metric, double above, double below) {

    public boolean matches(String metricName, double value) {
      return metric.equals(metricName) && (Double.isNaN(above) || value > above) && (Double.isNaN(below) || value < below);
    }
  }

  private static final Pattern EXIT_CODE = Pattern.compile("\\bexitCode=(\\d{1,3})\\b");

  public Signature {
    logs = List.copyOf(logs);
    ecsReasons = List.copyOf(ecsReasons);
    exitCodes = Set.copyOf(exitCodes);
    stackReasons = List.copyOf(stackReasons);
    metrics = List.copyOf(metrics);
    steps = List.copyOf(steps);
  }

  /** Whether a log line shows this failure. */
  public boolean matchesLog(String line) {
    return anyFinds(logs, line);
  }

  /** Whether an ECS event's reason, or one of its containers' exit codes, shows this failure. */
  public boolean matchesEcs(String reason, Set<Integer> exitCodesSeen) {
    for (int code : exitCodesSeen) {
      if (exitCodes.contains(code)) {
        return true;
      }
    }
    return anyFinds(ecsReasons, reason);
  }

  /**
   * Whether a deployment event shows this failure: a CloudFormation event's status reason against
   * {@code stackReasons}; any other source's reason against {@code ecsReasons}, and the exit codes
   * its status lists ({@code exitCode=137}) against {@code exitCodes}.
   */
  public boolean matchesEvent(String source, String status, String reason) {
    return "cloudformation".equals(source) ? matchesStackReason(reason) : matchesEcs(reason, exitCodesOf(status));
  }

  /** The exit codes an ECS event's status lists ({@code exitCode=137}). */
  public static Set<Integer> exitCodesOf(String status) {
    Set<Integer> codes = new java.util.LinkedHashSet<>();
    java.util.regex.Matcher matcher = EXIT_CODE.matcher(status);
    while (matcher.find()) {
      codes.add(Integer.parseInt(matcher.group(1)));
    }
    return codes;
  }

  /** Whether a CloudFormation status reason shows this failure. */
  public boolean matchesStackReason(String reason) {
    return anyFinds(stackReasons, reason);
  }

  /** Whether an anomalous value of a metric shows this failure. */
  public boolean matchesMetric(String metric, double value) {
    return metrics.stream().anyMatch(condition -> condition.matches(metric, value));
  }

  /** The steps with {@code {service}} filled in. */
  public List<String> stepsFor(String service) {
    return steps.stream().map(step -> step.replace("{service}", service)).toList();
  }

  private static boolean anyFinds(List<Pattern> patterns, String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    for (Pattern pattern : patterns) {
      if (pattern.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }
}
