package io.vigil.eval.nab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the NAB development corpus for tests: {@code -Dvigil.nab.dir=DIR}, else the {@code shared/nab}
 * folder beside the repository clone (or inside it), found by walking up from the working folder, so
 * the tests find it wherever the clone is. Tests that need it skip, saying where they looked, when
 * it is absent.
 */
public final class DevelopmentCorpus {

  private DevelopmentCorpus() {}

  /** The corpus folder (holding data/ and labels/), if there is one. */
  public static Optional<Path> find() {
    String override = System.getProperty("vigil.nab.dir");
    if (override != null) {
      return Optional.of(Path.of(override)).filter(DevelopmentCorpus::isCorpus);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("nab");
      if (isCorpus(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Where {@link #find()} looked, for a skip message. */
  public static String searched() {
    return "-Dvigil.nab.dir, or shared/nab in " + Path.of("").toAbsolutePath() + " or any folder above it";
  }

  private static boolean isCorpus(Path dir) {
    return Files.isDirectory(dir.resolve("data")) && Files.isRegularFile(dir.resolve("labels/combined_windows.json"));
  }
}
