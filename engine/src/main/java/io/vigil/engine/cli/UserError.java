package io.vigil.engine.cli;

/** A failure the user can fix (a missing file, an unreachable URL): one line, exit code 2, no stack trace. */
final class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }

  UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
