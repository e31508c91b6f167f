package io.vigil.engine.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command, {@code vigil}; each subcommand is one thing a user does. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Reactive monitoring and anomaly detection for services on AWS.",
    subcommands = {StartCommand.class, ReplayCommand.class, NabCommand.class, CorpusCommand.class, LogparseCommand.class, BenchCommand.class,
        WaitForCommand.class})
public final class VigilCommand {

  /** Read by {@link Main} before parsing; declared here so every command accepts it. */
  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of failures.")
  boolean verbose;
}
