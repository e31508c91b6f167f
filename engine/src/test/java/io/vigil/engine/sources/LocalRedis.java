package io.vigil.engine.sources;

import io.vigil.testing.LocalProcess;
import java.nio.file.Path;
import java.util.List;

/** A throw-away Redis on a free loopback port, from Debian's redis-server package (see scripts/test-tools.sh). */
final class LocalRedis implements AutoCloseable {

  private final LocalProcess process;

  private LocalRedis(LocalProcess process) {
    this.process = process;
  }

  static LocalRedis start(Path folder) {
    String server = LocalProcess.executable("redis-server", List.of("redis-server", "/usr/bin/redis-server"));
    int port = LocalProcess.freePort();
    return new LocalRedis(LocalProcess.start("redis", List.of(server, "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", folder.toString()), port, folder.resolve("redis.log")));
  }

  String url() {
    return "redis://127.0.0.1:" + process.port();
  }

  @Override
  public void close() {
    process.close();
  }
}
