package io.vigil.engine.cli;

import io.vigil.config.ConfigException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How the command line reports failures: a user error (bad flag, missing file, unreachable URL, bad
 * configuration) is one line naming the problem and exit code {@value #USER_ERROR}; anything else is
 * one line and exit code {@value #INTERNAL_ERROR}. Stack traces only with {@code --verbose}.
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

  static final int USER_ERROR = 2;
  static final int INTERNAL_ERROR = 1;

  private final boolean verbose;

  CliErrors(boolean verbose) {
    this.verbose = verbose;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println("vigil: " + e.getMessage() + " (" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help lists the options)");
    trace(err, e);
    return USER_ERROR;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    String userMessage = userMessage(e);
    if (userMessage != null) {
      err.println("vigil: " + userMessage);
      trace(err, e);
      return USER_ERROR;
    }
    err.println("vigil: " + commandLine.getCommandSpec().name() + " failed: " + e
        + (verbose ? "" : " (--verbose shows the stack trace)"));
    trace(err, e);
    return INTERNAL_ERROR;
  }

  /** The one line for a failure the user can fix, or null when it is not one. */
  static String userMessage(Throwable e) {
    if (e instanceof UncheckedIOException unchecked) {
      return userMessage(unchecked.getCause());
    }
    if (e instanceof UserError || e instanceof ConfigException || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    if (e instanceof NoSuchFileException missing) {
      return "no such file or folder: " + missing.getFile();
    }
    if (e instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (e instanceof FileNotFoundException || e instanceof UnknownHostException) {
      return (e instanceof UnknownHostException ? "unknown host: " : "") + e.getMessage();
    }
    if (e instanceof ConnectException || e instanceof HttpTimeoutException) {
      return "cannot connect: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    if (e instanceof IOException) {
      return e.getMessage() == null ? e.toString() : e.getMessage();
    }
    return null;
  }

  private void trace(PrintWriter err, Throwable e) {
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
  }
}
