package io.vigil.engine.cli;

import io.vertx.core.Vertx;
import io.vigil.config.ConfigException;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.engine.VigilEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil start}: runs the engine until the process is stopped. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Run the Vigil engine (embedded Kafka unless kafka.bootstrapServers is set).")
final class StartCommand implements Callable<Integer> {

  /** Exit code for a configuration that does not validate. */
  static final int CONFIG_ERROR = 2;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML file overriding the defaults.")
  Path configFile;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where to keep all state (Kafka log, checkpoints); default ./vigil-data.")
  Path dataDir;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key, e.g. --set http.port=9090 (lists comma-separated).")
  List<String> assignments = new ArrayList<>();

  @Override
  public Integer call() {
    VigilEngine engine;
    try {
      VigilConfig config = loadConfig(configFile, dataDir, assignments);
      LogSetup.apply(config.log().format());
      // The detector and its settings are checked as the engine starts, before it opens anything.
      engine = VigilEngine.start(config, Clock.systemUTC());
    } catch (ConfigException e) {
      System.err.println("vigil: configuration error: " + e.getMessage());
      return CONFIG_ERROR;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      engine.close();
      stopped.countDown();
    }, "vigil-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Loads and validates the layered configuration; --data-dir wins over every layer. */
  static VigilConfig loadConfig(Path configFile, Path dataDir, List<String> assignments) {
    List<String> all = new ArrayList<>(assignments);
    if (dataDir != null) {
      all.add("storage.dataDir=" + dataDir);
    }
    Vertx vertx = Vertx.vertx();
    try {
      return new ConfigLoader(vertx).file(configFile).environment(System.getenv()).assignments(all).load().await();
    } finally {
      vertx.close().await();
    }
  }
}
