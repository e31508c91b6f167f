package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vigil.testing.Eventually;
import io.vigil.testing.LocalProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shaded launcher jar run as separate processes on one data directory and one free HTTP port,
 * so a test can kill one with SIGKILL and start the next where it left off. Close destroys them all.
 */
public final class VigilProcess implements AutoCloseable {

  private final Path dataDir;
  private final List<String> settings;
  private final int port;
  private final List<Process> processes = new ArrayList<>();

  /** @param settings extra {@code key=value} settings passed with {@code --set} */
  public VigilProcess(Path dataDir, List<String> settings) {
    this.dataDir = dataDir;
    this.settings = List.copyOf(settings);
    this.port = LocalProcess.freePort();
  }

  /** A client for the process's HTTP API. */
  public WebClient client(Vertx vertx) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  /** Starts a process, writing its output to {@code <dataDir>-<name>.log} beside the data directory. */
  public Process launch(String name) throws IOException {
    Path jar = Path.of(System.getProperty("vigil.jar", "target/vigil.jar"));
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + name + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
        "start", "--data-dir", dataDir.toString(),
        "--set", "http.port=" + port, "--set", "demo.enabled=false", "--set", "kafka.partitions=2"));
    for (String setting : settings) {
      command.add("--set");
      command.add(setting);
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(process);
    return process;
  }

  /** Succeeds once {@code /ready} answers 200. */
  public static Future<Void> waitReady(Vertx vertx, WebClient http) {
    return waitReady(vertx, http, 300);
  }

  /** As {@link #waitReady(Vertx, WebClient)}, trying {@code attempts} times 300 ms apart. */
  public static Future<Void> waitReady(Vertx vertx, WebClient http, int attempts) {
    return Eventually.succeeds(vertx, attempts, 300, () -> http.get("/ready").send().map(response -> {
      assertThat(response.statusCode()).isEqualTo(200);
      return null;
    }));
  }

  /** The last lines a launched process wrote, for a failure's message. */
  public String logTail(String name, int lines) {
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + name + ".log");
    try {
      List<String> all = java.nio.file.Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
  }
}
