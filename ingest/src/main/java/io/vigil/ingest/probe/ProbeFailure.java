package io.vigil.ingest.probe;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Why a check failed, sorted into the reasons an operator acts on differently. */
public final class ProbeFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The kinds of failure. */
  public enum Reason {
    /** Nothing listens on the port, or the host rejected the connection. */
    REFUSED,
    /** No answer within the timeout. */
    TIMEOUT,
    /** The host name does not resolve. */
    UNRESOLVED,
    /** The server answered but refused the credentials. */
    AUTH,
    /** The server is up but says it is not ready yet (starting, loading, 503). */
    NOT_READY,
    /** Anything else: a wrong status, a body mismatch, a protocol error. */
    UNEXPECTED;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Reason reason;

  public ProbeFailure(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public String toString() {
    return reason.label() + ": " + getMessage();
  }

  /** Sorts any failure of a check into a {@link ProbeFailure}. */
  public static ProbeFailure classify(Throwable failure) {
    if (failure instanceof ProbeFailure probe) {
      return probe;
    }
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof PgException)) {
      if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
        break;
      }
      cause = cause.getCause();
    }
    String message = String.valueOf(cause.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (cause instanceof PgException pg) {
      String state = String.valueOf(pg.getSqlState());
      if (state.startsWith("28")) {
        return new ProbeFailure(Reason.AUTH, pg.getErrorMessage() + " (SQLSTATE " + state + ")");
      }
      if (state.equals("57P03") || state.equals("57P01")) {
        return new ProbeFailure(Reason.NOT_READY, pg.getErrorMessage() + " (SQLSTATE " + state + ")");
      }
      return new ProbeFailure(Reason.UNEXPECTED, pg.getErrorMessage() + " (SQLSTATE " + state + ")");
    }
    if (cause instanceof UnknownHostException) {
      return new ProbeFailure(Reason.UNRESOLVED, "unknown host " + message);
    }
    if (cause.getClass().getSimpleName().contains("Timeout") || lower.contains("timed out") || lower.contains("timeout")) {
      return new ProbeFailure(Reason.TIMEOUT, message);
    }
    if (cause instanceof ConnectException || cause instanceof NoRouteToHostException || lower.contains("connection refused")) {
      return new ProbeFailure(Reason.REFUSED, message);
    }
    if (lower.startsWith("noauth") || lower.startsWith("wrongpass") || lower.contains("invalid password") || lower.contains("authentication")) {
      return new ProbeFailure(Reason.AUTH, message);
    }
    if (lower.startsWith("loading") || lower.contains("starting up")) {
      return new ProbeFailure(Reason.NOT_READY, message);
    }
    return new ProbeFailure(Reason.UNEXPECTED, cause.getClass().getSimpleName() + ": " + message);
  }
}
