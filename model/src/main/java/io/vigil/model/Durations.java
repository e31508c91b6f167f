package io.vigil.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Alertmanager-style durations ({@code 500ms}, {@code 10s}, {@code 1m}, {@code 4h}, {@code 2d}) into milliseconds. */
public final class Durations {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Durations() {}

  /** The milliseconds of {@code text}, or -1 if it is not a duration. */
  public static long parseMillis(String text) {
    if (text == null) {
      return -1;
    }
    Matcher matcher = DURATION.matcher(text.trim());
    if (!matcher.matches()) {
      return -1;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> amount;
      case "s" -> amount * 1000;
      case "m" -> amount * 60_000;
      case "h" -> amount * 3_600_000;
      default -> amount * 86_400_000;
    };
  }
}
