package io.vigil.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real engine for a test class: started before its first test on a folder of its own (with
 * {@link TestEngines}' defaults and the class's settings), closed and its folder removed after the
 * last. {@code @RegisterExtension static final EngineExtension ENGINE = new EngineExtension(...)}.
 */
public final class EngineExtension implements BeforeAllCallback, AfterAllCallback {

  private final String[] settings;
  private Path dataDir;
  private VigilEngine engine;

  public EngineExtension(String... settings) {
    this.settings = settings.clone();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("vigil-engine-test");
    engine = TestEngines.start(dataDir, settings);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (engine != null) {
        engine.close();
      }
    } finally {
      delete(dataDir);
    }
  }

  public VigilEngine engine() {
    return engine;
  }

  public int httpPort() {
    return engine.httpPort();
  }

  private static void delete(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
