package io.vigil.logpatterns;

import java.util.Locale;

/** The level word of a log line, if it has one among its first tokens. */
final class LogLevels {

  private static final String[] LEVELS = {"FATAL", "CRITICAL", "ERROR", "WARNING", "WARN", "NOTICE", "INFO", "DEBUG", "TRACE"};
  private static final int SCANNED_CHARS = 200;

  private LogLevels() {}

  /** {@code ERROR}, {@code WARN} (for WARN and WARNING), ... or empty. */
  static String of(String line) {
    String head = line.length() > SCANNED_CHARS ? line.substring(0, SCANNED_CHARS) : line;
    String upper = head.toUpperCase(Locale.ROOT);
    String found = "";
    int earliest = Integer.MAX_VALUE;
    for (String level : LEVELS) {
      int at = upper.indexOf(level);
      while (at >= 0 && at < earliest) {
        boolean startsWord = at == 0 || !Character.isLetter(upper.charAt(at - 1));
        int end = at + level.length();
        boolean endsWord = end == upper.length() || !Character.isLetter(upper.charAt(end));
        if (startsWord && endsWord) {
          found = level.equals("WARNING") ? "WARN" : level.equals("CRITICAL") ? "FATAL" : level;
          earliest = at;
          break;
        }
        at = upper.indexOf(level, at + 1);
      }
    }
    return found;
  }
}
