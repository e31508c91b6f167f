package io.vigil.engine.cli;

import io.vigil.detectors.logs.TemplateMinerConfig;
import io.vigil.eval.loghub.LoghubCorpus;
import io.vigil.eval.loghub.LoghubRunner;
import io.vigil.eval.loghub.LoghubSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil logparse}: the template miner's grouping and parsing accuracy on Loghub-2k samples. */
@Command(
    name = "logparse",
    mixinStandardHelpOptions = true,
    description = "Stream Loghub-2k samples through the log-template miner; print grouping and parsing accuracy and lines/s.")
public final class LogparseCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--data", required = true, description = "folder of <System>/<System>_2k.log_structured.csv")
  Path data;

  @Option(names = "--system", paramLabel = "NAME", description = "only this system (repeatable; default: every one)")
  List<String> systems = new ArrayList<>();

  @Option(names = "--rounds", defaultValue = "20",
      description = "warm-up passes, then as many timed passes, over each sample (default: ${DEFAULT-VALUE})")
  int rounds;

  @Override
  public Integer call() {
    if (rounds < 0) {
      throw new UserError("--rounds must be 0 or more, got " + rounds);
    }
    List<String> available = LoghubCorpus.systems(data);
    List<String> chosen = systems.isEmpty() ? available : systems;
    for (String system : chosen) {
      if (!available.contains(system)) {
        throw new UserError("no system " + system + " in " + data + "; there are " + String.join(", ", available));
      }
    }
    List<LoghubSample> samples = chosen.stream().map(system -> LoghubCorpus.read(data, system)).toList();
    LoghubRunner.Report report = LoghubRunner.run(samples, TemplateMinerConfig.defaults(), rounds);
    spec.commandLine().getOut().print(report.format());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
