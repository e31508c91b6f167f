package io.vigil.engine.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/** Entry point of the runnable jar. */
public final class Main {

  /** Commands whose stdout is a report: their log goes to stderr. */
  private static final Set<String> REPORT_COMMANDS = Set.of("nab", "logparse", "bench", "replay", "wait-for");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    String command = List.of(args).stream().filter(arg -> !arg.startsWith("-")).findFirst().orElse("");
    // Before anything logs: logging starts with the first logger.
    LogSetup.early(REPORT_COMMANDS.contains(command), System.getenv("VIGIL_LOG_FORMAT"));
    return commandLine(List.of(args).contains("--verbose")).execute(args);
  }

  /** The command line with Vigil's failure reporting ({@link CliErrors}). */
  static CommandLine commandLine(boolean verbose) {
    CliErrors errors = new CliErrors(verbose);
    return new CommandLine(new VigilCommand())
        .setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors);
  }
}
