package io.vigil.ingest.push;

/**
 * The rule for text that names something (metric names, namespaces, dimensions, log groups, label
 * names and values): well-formed UTF-16 without control characters. A lone surrogate is replaced
 * by '?' when encoded as UTF-8, so {@code "CPU\ud800"} and {@code "CPU?"} would hash to one series;
 * NUL, newlines and escape sequences break logs, terminals and the canonical form.
 */
public final class NameText {

  private NameText() {}

  /** Why {@code text} cannot be a name, or null if it can. */
  public static String problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++; // a well-formed pair: one supplementary character
      } else if (Character.isSurrogate(c)) {
        return "must be valid Unicode text: lone surrogate " + codePoint(c) + " at index " + i;
      } else if (Character.isISOControl(c)) {
        return "must not contain control characters: " + codePoint(c) + " at index " + i;
      }
    }
    return null;
  }

  private static String codePoint(char c) {
    return String.format("U+%04X", (int) c);
  }
}
