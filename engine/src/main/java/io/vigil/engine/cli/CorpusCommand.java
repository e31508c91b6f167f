package io.vigil.engine.cli;

import io.vigil.eval.synth.CloudWatchLikeCorpus;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil corpus}: writes the seeded CloudWatch-like labelled corpus in NAB's layout, for {@code vigil nab}. */
@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    description = "Write a seeded corpus of CloudWatch-like series with labelled incidents in NAB's layout (OUT/data, OUT/labels).")
public final class CorpusCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, description = "folder to write data/<category>/<file>.csv and labels/combined_windows.json into")
  Path out;

  @Option(names = "--seed", defaultValue = "" + CloudWatchLikeCorpus.DEFAULT_SEED, description = "the seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() {
    CloudWatchLikeCorpus.write(out, seed);
    spec.commandLine().getOut().printf("wrote %s/data and %s/labels/combined_windows.json (seed %d)%n", out, out, seed);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
