package io.vigil.detectors.nab;

import io.vigil.detectors.DetectorRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the NAB benchmark without the engine's command line:
 * {@code NabMain --data DIR --labels WINDOWS.json [--out OUT] [--name NAME] [--detector TYPE]}.
 */
public final class NabMain {

  private NabMain() {}

  public static void main(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    if (!options.containsKey("data") || !options.containsKey("labels")) {
      System.err.println("usage: NabMain --data DIR --labels WINDOWS.json [--out OUT] [--name NAME] [--detector TYPE]");
      System.exit(2);
    }
    String detector = options.getOrDefault("detector", "default");
    String name = options.getOrDefault("name", detector);
    NabCorpus corpus = NabCorpus.read(Path.of(options.get("data")), Path.of(options.get("labels")));
    Path out = options.containsKey("out") ? Path.of(options.get("out")) : null;
    NabRunner.Report report = NabRunner.run(corpus, DetectorRegistry.load().byName(detector), name, out);
    System.err.print(corpus.coverageNote());
    System.out.print(report.format());
  }
}
