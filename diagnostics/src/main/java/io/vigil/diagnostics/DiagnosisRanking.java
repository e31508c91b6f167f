package io.vigil.diagnostics;

import java.util.Comparator;
import java.util.Map;

/**
 * The order of a service's diagnoses: by severity (critical first), then recency in five-minute
 * steps (so that within the same few minutes the signature with more evidence comes first, and
 * an old failure does not outrank a fresh one of the same severity), then the amount of evidence.
 */
public final class DiagnosisRanking {

  static final long RECENCY_STEP_MILLIS = 5 * 60_000L;
  private static final Map<String, Integer> SEVERITY = Map.of("critical", 3, "warning", 2, "info", 1);

  public static final Comparator<Diagnosis> ORDER = Comparator
      .comparingInt((Diagnosis diagnosis) -> SEVERITY.getOrDefault(diagnosis.severity(), 0)).reversed()
      .thenComparing(Comparator.comparingLong((Diagnosis diagnosis) -> Math.floorDiv(diagnosis.lastSeenMillis(), RECENCY_STEP_MILLIS)).reversed())
      .thenComparing(Comparator.comparingLong(Diagnosis::count).reversed())
      .thenComparing(Diagnosis::signature);

  private DiagnosisRanking() {}
}
