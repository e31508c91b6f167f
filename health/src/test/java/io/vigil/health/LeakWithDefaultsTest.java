package io.vigil.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vigil.config.ConfigLoader;
import io.vigil.config.HealthConfig;
import io.vigil.config.VigilConfig;
import io.vigil.model.ScoredPoint;
import io.vigil.model.SeriesKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The demo's memory leak (40% to 100% in eight minutes, a point every ten seconds) through the
 * signal tracker, the service book and the scorer with the shipped defaults: the forecast alone,
 * with no help from anomalies, makes the worker unhealthy for memory rising within two and a half
 * minutes of the leak's start (130 s for these seeds; the detectors' anomalies on the same points,
 * which this test leaves out, took it there in 90 to 100 s).
 */
class LeakWithDefaultsTest {

  private static final long T0 = 1_800_000_000_000L;
  private static final SeriesKey MEMORY = SeriesKey.of("AWS/ECS", "MemoryUtilization", Map.of("ServiceName", "worker"));

  @Test
  void aDemoLeakIsUnhealthyForMemoryRisingWithinTwoMinutes() {
    Vertx vertx = Vertx.vertx();
    VigilConfig config;
    try {
      config = new ConfigLoader(vertx).load().await();
    } finally {
      vertx.close().await();
    }
    HealthConfig health = config.health();
    for (long seed = 1; seed <= 3; seed++) {
      SignalTracker tracker = new SignalTracker(config.detection().anomalyThreshold(), config.detection().criticalThreshold(), Map.of(),
          SignalTracker.SaturationLevels.of(health.limits()));
      ServiceBook book = new ServiceBook(new HealthScorer(health), List.of());
      SplittableRandom noise = new SplittableRandom(seed);
      long leak = T0 + 3_600_000L;
      long unhealthyAt = -1;
      String reason = "";
      for (long t = T0; t <= leak + 180_000L && unhealthyAt < 0; t += 10_000) {
        double progress = t < leak ? 0 : (t - leak) / (8 * 60_000.0);
        double value = 40 + 60 * progress + 0.5 * noise.nextGaussian();
        tracker.accept(new ScoredPoint(MEMORY, "worker", t, value, 0.1, 30, 50, "default")).ifPresent(book::accept);
        for (ServiceHealth assessed : book.due(t + 1_000, service -> Optional.empty())) {
          if (assessed.score().isPresent() && assessed.score().getAsInt() < health.bands().degradedAtLeast()) {
            unhealthyAt = t;
            reason = assessed.topReason();
          }
        }
      }
      System.out.printf("seed %d: unhealthy %d s after the leak began: %s%n", seed, (unhealthyAt - leak) / 1000, reason);
      assertThat(unhealthyAt - leak).as("seed %d: unhealthy this long after the leak began", seed).isBetween(0L, 120_000L);
      assertThat(reason).as("seed %d", seed).startsWith("memory rising");
    }
  }
}
