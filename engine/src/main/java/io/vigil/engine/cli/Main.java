package io.vigil.engine.cli;

import picocli.CommandLine;

/** Entry point of the runnable jar. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new VigilCommand()).execute(args));
  }
}
