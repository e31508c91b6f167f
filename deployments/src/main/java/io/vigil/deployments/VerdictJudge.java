package io.vigil.deployments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns the comparisons of a service's series and the penalties against a deployment into its
 * verdict. The score is Kayenta's: the share of the judged weight that did not get worse, where
 * metrics with too few values are not judged and each penalty adds its weight to both sides. A
 * score below {@link VerdictSettings#failScore} fails; one at or above
 * {@link VerdictSettings#passScore} passes only if every weighted metric had enough values and at
 * least one was judged, since the absence of evidence is not a pass; anything else is marginal. A
 * rollout that failed (its stack update or its circuit breaker) fails whatever the metrics say.
 *
 * <p>A rise of a load-sensitive metric (CPU, memory) is not counted when a load metric of the same
 * service rose with it at least half as strongly: more traffic, not the release, explains it.
 */
public final class VerdictJudge {

  private final VerdictSettings settings;

  public VerdictJudge(VerdictSettings settings) {
    this.settings = settings;
  }

  public VerdictSettings settings() {
    return settings;
  }

  public Verdict judge(List<MetricSamples> series, List<Penalty> penalties) {
    List<MetricEvidence> compared = new ArrayList<>();
    for (MetricSamples samples : series) {
      compared.add(MetricComparison.compare(samples, settings));
    }
    List<MetricEvidence> evidence = explainByLoad(compared);
    double judged = 0;
    double worse = 0;
    double unjudged = 0;
    List<MetricEvidence> regressions = new ArrayList<>();
    for (MetricEvidence metric : evidence) {
      if (metric.weight() <= 0) {
        continue;
      }
      if (metric.outcome() == Outcome.TOO_FEW_SAMPLES) {
        unjudged += metric.weight();
        continue;
      }
      judged += metric.weight();
      if (metric.outcome() == Outcome.WORSE) {
        worse += metric.weight();
        regressions.add(metric);
      }
    }
    boolean rolloutFailed = false;
    for (Penalty penalty : penalties) {
      if (penalty.kind() == Penalty.Kind.ROLLOUT_FAILED) {
        rolloutFailed = true;
      } else {
        judged += penalty.weight();
        worse += penalty.weight();
      }
    }
    double score = judged <= 0 ? 0 : 100 * (1 - worse / judged);
    regressions.sort(Comparator.comparingDouble(MetricEvidence::weight).reversed()
        .thenComparing(Comparator.comparingDouble((MetricEvidence metric) -> Math.abs(metric.effectSize())).reversed()));
    List<String> reasons = new ArrayList<>();
    penalties.stream().filter(penalty -> penalty.kind() == Penalty.Kind.ROLLOUT_FAILED)
        .forEach(penalty -> reasons.add("the rollout failed: " + penalty.detail()));
    regressions.forEach(metric -> reasons.add(metric.metric() + " " + metric.note()));
    penalties.stream().filter(penalty -> penalty.kind() != Penalty.Kind.ROLLOUT_FAILED)
        .forEach(penalty -> reasons.add(describe(penalty)));
    Verdict.Result result;
    if (rolloutFailed || (judged > 0 && score < settings.failScore())) {
      result = Verdict.Result.FAIL;
    } else if (judged <= 0) {
      result = Verdict.Result.MARGINAL;
      reasons.add("no metric of the service had " + settings.minSamples() + " values on each side of the deployment");
    } else if (score < settings.passScore()) {
      result = Verdict.Result.MARGINAL;
    } else if (unjudged > 0) {
      result = Verdict.Result.MARGINAL;
      reasons.add("not every metric could be judged: " + evidence.stream().filter(metric -> metric.outcome() == Outcome.TOO_FEW_SAMPLES && metric.weight() > 0)
          .map(MetricEvidence::metric).distinct().toList() + " had too few values");
    } else {
      result = Verdict.Result.PASS;
    }
    if (result != Verdict.Result.FAIL && reasons.isEmpty()) {
      reasons.add(String.format(Locale.ROOT, "no metric got worse (score %.0f)", score));
    }
    return new Verdict(result, Math.round(score * 10) / 10.0, reasons, evidence, penalties);
  }

  private List<MetricEvidence> explainByLoad(List<MetricEvidence> compared) {
    double loadDelta = 0;
    for (MetricEvidence metric : compared) {
      if (settings.loadMetrics().contains(metric.metric()) && metric.outcome() != Outcome.TOO_FEW_SAMPLES
          && Math.abs(metric.effectSize()) > Math.abs(loadDelta)) {
        loadDelta = metric.effectSize();
      }
    }
    List<MetricEvidence> evidence = new ArrayList<>(compared.size());
    for (MetricEvidence metric : compared) {
      boolean explained = metric.outcome() == Outcome.WORSE && settings.loadSensitive().contains(metric.metric())
          && Math.signum(loadDelta) == Math.signum(metric.effectSize()) && Math.abs(loadDelta) >= 0.5 * Math.abs(metric.effectSize());
      evidence.add(explained
          ? new MetricEvidence(metric.metric(), metric.seriesId(), metric.direction(), metric.baseline(), metric.after(), metric.pValue(),
              metric.effectSize(), metric.weight(), Outcome.EXPLAINED_BY_LOAD,
              metric.note() + String.format(Locale.ROOT, "; the load rose with it (delta=%.2f), so it does not count", loadDelta))
          : metric);
    }
    return evidence;
  }

  private static String describe(Penalty penalty) {
    return switch (penalty.kind()) {
      case NEW_LOG_PATTERN -> "a log pattern new since the deployment: " + penalty.detail();
      case DIAGNOSTIC -> "diagnostics recognised " + penalty.name() + ": " + penalty.detail();
      case FAILED_CHECK -> "synthetic check " + penalty.name() + " failed: " + penalty.detail();
      case TASKS_FAILED -> "tasks of the new version failed to start: " + penalty.detail();
      case ROLLOUT_FAILED -> "the rollout failed: " + penalty.detail();
    };
  }
}
