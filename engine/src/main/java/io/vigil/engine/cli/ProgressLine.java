package io.vigil.engine.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress of a long command on stderr: items done of total, points per second and time left.
 * Redrawn in place on a terminal; one line per item otherwise (a log file or a CI console).
 */
final class ProgressLine {

  private final PrintStream out;
  private final String what;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private boolean drawn;

  ProgressLine(String what) {
    this(System.err, what, System.console() != null);
  }

  ProgressLine(PrintStream out, String what, boolean terminal) {
    this.out = out;
    this.what = what;
    this.terminal = terminal;
  }

  /** After item {@code done} of {@code total}; {@code points} so far. */
  void update(int done, int total, long points) {
    double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    long rate = Math.round(points / seconds);
    String left = done == 0 ? "?" : format(Duration.ofMillis(Math.round(seconds * 1000 * (total - done) / done)));
    String line = String.format("%s %d/%d, %,d points/s, %s left", what, done, total, rate, left);
    if (terminal) {
      out.print("\r\033[K" + line);
      drawn = true;
      if (done == total) {
        finish();
      }
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the redrawn line, if any, so the next output starts on a line of its own. */
  void finish() {
    if (drawn) {
      out.println();
      drawn = false;
    }
  }

  static String format(Duration duration) {
    long s = duration.toSeconds();
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
