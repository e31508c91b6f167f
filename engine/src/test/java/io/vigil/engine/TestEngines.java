package io.vigil.engine;

import io.vertx.core.Vertx;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Starts real engines for tests: embedded broker under a test's own folder, HTTP on a free port,
 * demo off and checkpoints every second unless a test says otherwise.
 */
public final class TestEngines {

  private TestEngines() {}

  /** The configuration a test engine runs with; later assignments override earlier ones. */
  public static VigilConfig config(Path dataDir, String... assignments) {
    List<String> all = new ArrayList<>(List.of(
        "http.port=0",
        "demo.enabled=false",
        "detection.checkpointIntervalSeconds=1",
        "kafka.partitions=2",
        "storage.dataDir=" + dataDir));
    all.addAll(Arrays.asList(assignments));
    Vertx vertx = Vertx.vertx();
    try {
      return new ConfigLoader(vertx).environment(Map.of()).assignments(all).load().await();
    } finally {
      vertx.close().await();
    }
  }

  public static VigilEngine start(Path dataDir, String... assignments) {
    return VigilEngine.start(config(dataDir, assignments), Clock.systemUTC());
  }
}
