package io.vigil.deployments.stage;

import io.vigil.config.DeploymentsConfig;
import io.vigil.deployments.Direction;
import io.vigil.deployments.VerdictJudge;
import io.vigil.deployments.VerdictSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * The stage's windows in milliseconds and the judge, from the {@code deployments} section: its
 * direction and weight tables are laid over the built-in ones.
 */
public record StageSettings(long baselineMillis, long verifyMillis, long monitorMillis, long maxDeployMillis, long lateDataMillis, VerdictJudge judge) {

  private static final long MINUTE = 60_000L;

  public static StageSettings of(DeploymentsConfig config) {
    VerdictSettings defaults = VerdictSettings.defaults();
    Map<String, Direction> directions = new HashMap<>(defaults.directions());
    config.directions().forEach((metric, direction) -> directions.put(metric, Direction.fromWire(direction)));
    Map<String, Double> weights = new HashMap<>(defaults.weights());
    weights.putAll(config.weights());
    VerdictSettings settings = new VerdictSettings(config.minSamples(), config.alpha(), config.minEffectSize(), config.passScore(), config.failScore(),
        directions, weights, config.defaultWeight(), defaults.loadMetrics(), defaults.loadSensitive(), config.penalties().newLogPattern(),
        config.penalties().diagnostic(), config.penalties().failedCheck());
    return new StageSettings(config.baselineMinutes() * MINUTE, config.verifyMinutes() * MINUTE, config.monitorMinutes() * MINUTE,
        config.maxDeployMinutes() * MINUTE, config.lateDataMinutes() * MINUTE, new VerdictJudge(settings));
  }

  /** How far back a service's values are kept while no deployment needs older ones: enough for one that starts late. */
  long retentionMillis() {
    return baselineMillis + maxDeployMillis + verifyMillis + lateDataMillis;
  }
}
