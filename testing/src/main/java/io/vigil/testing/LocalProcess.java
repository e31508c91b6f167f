package io.vigil.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process a test starts on a free loopback port and stops: moto, PostgreSQL, Redis.
 * A missing executable fails the test with what to install, never skips it.
 */
public final class LocalProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final int port;

  private LocalProcess(String name, Process process, int port) {
    this.name = name;
    this.process = process;
    this.port = port;
  }

  /**
   * moto's server on a free loopback port: from the PATH, or from any pyenv version, where
   * {@code pip install 'moto[server]'} puts it.
   */
  public static LocalProcess moto(Path log) {
    List<String> candidates = new ArrayList<>(List.of("moto_server", "/root/.pyenv/shims/moto_server"));
    File[] versions = new File("/root/.pyenv/versions").listFiles();
    if (versions != null) {
      for (File version : versions) {
        candidates.add(version.toPath().resolve("bin/moto_server").toString());
      }
    }
    int port = freePort();
    return start("moto", List.of(executable("moto_server", candidates), "-p", String.valueOf(port), "-H", "127.0.0.1"), port, log);
  }

  /** The loopback port the process listens on. */
  public int port() {
    return port;
  }

  /** A port nothing listens on now, on the loopback interface. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts {@code command} (which listens on {@code port}) and waits until the port accepts connections. */
  public static LocalProcess start(String name, List<String> command, int port, Path log) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      LocalProcess started = new LocalProcess(name, process, port);
      started.awaitPort(30_000);
      return started;
    } catch (IOException e) {
      throw new IllegalStateException(name + " could not be started (" + command.get(0) + "): " + e.getMessage()
          + "; run scripts/test-tools.sh to install PostgreSQL and Redis; moto_server comes with pip install 'moto[server]'", e);
    }
  }

  /** The first of {@code candidates} that exists, or a failure saying what to install. */
  public static String executable(String what, List<String> candidates) {
    for (String candidate : candidates) {
      if (candidate.contains("/") ? new File(candidate).canExecute() : onPath(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(what + " is not installed (looked for " + candidates + "); run scripts/test-tools.sh");
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, command).canExecute()) {
        return true;
      }
    }
    return false;
  }

  private void awaitPort(long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " before listening on " + port);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          // Polls a port another process opens; nothing to await on this side.
          process.waitFor(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    close();
    throw new IllegalStateException(name + " did not listen on " + port + " within " + timeoutMillis + " ms");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
