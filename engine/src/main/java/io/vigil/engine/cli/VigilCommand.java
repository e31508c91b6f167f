package io.vigil.engine.cli;

import picocli.CommandLine.Command;

/** The root command, {@code vigil}; each subcommand is one thing a user does. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Reactive monitoring and anomaly detection for services on AWS.",
    subcommands = {StartCommand.class, ReplayCommand.class, NabCommand.class, BenchCommand.class, WaitForCommand.class})
public final class VigilCommand {}
