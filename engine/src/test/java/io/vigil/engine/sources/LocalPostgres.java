package io.vigil.engine.sources;

import io.vigil.testing.LocalProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster on a free loopback port, from Debian's postgresql package (see
 * scripts/test-tools.sh): user {@code vigil}, password {@code secret} over TCP. PostgreSQL refuses to run
 * as root, so as root its tools run as the {@code postgres} user through runuser.
 */
final class LocalPostgres implements AutoCloseable {

  static final String USER = "vigil";
  static final String PASSWORD = "secret";

  private final Path binDir;
  private final Path dataDir;
  final int port;

  private LocalPostgres(Path binDir, Path dataDir, int port) {
    this.binDir = binDir;
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Initialises a cluster (not started). */
  static LocalPostgres init() {
    Path bin = findBinDir();
    try {
      Path data = Files.createTempDirectory("vigil-pg-");
      Path passwordFile = data.resolve("pw");
      Files.writeString(passwordFile, PASSWORD + "\n");
      chownToPostgres(data);
      LocalPostgres postgres = new LocalPostgres(bin, data, LocalProcess.freePort());
      postgres.run(List.of(bin.resolve("initdb").toString(), "-D", data.resolve("cluster").toString(), "-U", USER,
          "--pwfile=" + passwordFile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync"));
      return postgres;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a PostgreSQL cluster: " + e.getMessage(), e);
    }
  }

  String url(String password) {
    return "postgresql://" + USER + ":" + password + "@127.0.0.1:" + port + "/postgres";
  }

  /** Starts the server and waits until it accepts connections. */
  void start() {
    run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.resolve("cluster").toString(), "-l", dataDir.resolve("log").toString(),
        "-o", "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off", "-w", "-t", "60", "start"));
  }

  void stop() {
    run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.resolve("cluster").toString(), "-m", "fast", "-w", "stop"));
  }

  @Override
  public void close() {
    try {
      if (Files.exists(dataDir.resolve("cluster").resolve("postmaster.pid"))) {
        stop();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException ignored) {
        // A leftover temporary folder is harmless.
      }
    }
  }

  private void run(List<String> command) {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    try {
      Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", full) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", full) + " could not run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void chownToPostgres(Path path) throws IOException {
    if (!isRoot()) {
      return;
    }
    try {
      Process chown = new ProcessBuilder("chown", "-R", "postgres:postgres", path.toString()).inheritIO().start();
      if (chown.waitFor() != 0) {
        throw new IOException("chown to postgres failed; does the postgres user exist? run scripts/test-tools.sh");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static Path findBinDir() {
    List<Path> candidates = new ArrayList<>();
    File versions = new File("/usr/lib/postgresql");
    String[] names = versions.list();
    if (names != null) {
      java.util.Arrays.sort(names, Comparator.reverseOrder());
      for (String version : names) {
        candidates.add(versions.toPath().resolve(version).resolve("bin"));
      }
    }
    candidates.add(Path.of("/usr/local/bin"));
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate.resolve("initdb")) && Files.isExecutable(candidate.resolve("pg_ctl"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found in " + candidates
        + "; run scripts/test-tools.sh (installs Debian's postgresql package)");
  }
}
