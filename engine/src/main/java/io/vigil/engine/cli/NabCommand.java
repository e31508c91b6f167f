package io.vigil.engine.cli;

import io.vigil.detectors.DetectorRegistry;
import io.vigil.eval.nab.NabCorpus;
import io.vigil.eval.nab.NabRunner;
import io.vigil.detectors.DetectorType;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vigil nab}: runs a detector over a NAB-layout corpus, writes NAB result files and prints NAB scores. */
@Command(
    name = "nab",
    mixinStandardHelpOptions = true,
    description = "Score a detector on a NAB-layout corpus (standard, reward_low_FP_rate, reward_low_FN_rate).")
public final class NabCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, description = "NAB data folder: <category>/<file>.csv")
  Path data;

  @Option(names = "--labels", required = true, description = "NAB combined_windows.json")
  Path labels;

  @Option(names = "--out", description = "where to write OUT/NAME/<category>/NAME_<file>.csv")
  Path out;

  @Option(names = "--detector", defaultValue = "default", description = "detector type (default: ${DEFAULT-VALUE})")
  String detector;

  @Option(names = "--name", description = "name of the results (default: the detector's name)")
  String name;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "a detector setting, as detection.settings takes it, e.g. --set cusumUnit=4 (repeatable)")
  Map<String, String> settings = new TreeMap<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    DetectorType type;
    try {
      type = DetectorRegistry.load().byName(detector).withSettings(settings);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    NabCorpus corpus = NabCorpus.read(data, labels);
    ProgressLine progress = new ProgressLine("nab: series");
    NabRunner.Report report = NabRunner.run(corpus, type, name == null ? detector : name, out, progress::update);
    progress.finish();
    System.err.print(corpus.coverageNote());
    System.out.print(report.format());
    return 0;
  }
}
