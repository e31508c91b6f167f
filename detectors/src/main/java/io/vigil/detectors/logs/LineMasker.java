package io.vigil.detectors.logs;

import java.util.EnumSet;
import java.util.Set;

/**
 * Splits a line into whitespace-separated tokens and rewrites the variable parts of each token as
 * {@link #WILDCARD}: {@code blk_-42} becomes {@code blk_<*>}, {@code 10.0.0.1:80} {@code <*>:<*>},
 * {@code chdir(/home/x)} {@code chdir(<*>)}. Hand-written scanning, no regular expressions: the miner
 * runs this on every line.
 */
public final class LineMasker {

  /** How a variable reads in a template. */
  public static final String WILDCARD = "<*>";

  private static final String[] DATE_WORDS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
      "Sep", "Oct", "Nov", "Dec", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

  private final boolean url;
  private final boolean quoted;
  private final boolean path;
  private final boolean number;
  private final boolean hex;
  private final boolean date;
  private final int maxLineChars;
  private final StringBuilder buffer = new StringBuilder(256);

  public LineMasker(Set<MaskKind> kinds, int maxLineChars) {
    Set<MaskKind> set = kinds.isEmpty() ? EnumSet.noneOf(MaskKind.class) : EnumSet.copyOf(kinds);
    this.url = set.contains(MaskKind.URL);
    this.quoted = set.contains(MaskKind.QUOTED);
    this.path = set.contains(MaskKind.PATH);
    this.number = set.contains(MaskKind.NUMBER);
    this.hex = set.contains(MaskKind.HEX);
    this.date = set.contains(MaskKind.DATE);
    this.maxLineChars = maxLineChars;
  }

  /** The masked tokens of {@code line}, cut at the configured length. */
  public String[] tokens(String line) {
    return split(signature(line));
  }

  /**
   * The masked tokens of {@code line} joined by single spaces: what identifies a line's shape, built
   * in one reused buffer (so a masker, like its miner, belongs to one thread).
   */
  public String signature(String line) {
    int end = Math.min(line.length(), maxLineChars);
    StringBuilder out = buffer;
    out.setLength(0);
    int start = -1;
    for (int i = 0; i <= end; i++) {
      boolean space = i == end || Character.isWhitespace(line.charAt(i));
      if (space && start >= 0) {
        if (out.length() > 0) {
          out.append(' ');
        }
        mask(line, start, i, out);
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
    return out.toString();
  }

  /** The tokens of a {@link #signature}. */
  public static String[] split(String signature) {
    return signature.isEmpty() ? new String[0] : signature.split(" ", -1);
  }

  /** Appends the token {@code line[from, to)} to {@code out} with its variable parts masked. */
  private void mask(String line, int from, int to, StringBuilder out) {
    if ((url && isUrl(line, from, to)) || (quoted && isQuoted(line, from, to)) || (date && isDateWord(line, from, to))) {
      out.append(WILDCARD);
      return;
    }
    int i = from;
    while (i < to) {
      char c = line.charAt(i);
      int pathEnd = path && (c == '/' || c == '.' || c == '~') ? pathEnd(line, from, i, to) : -1;
      if (pathEnd > 0) {
        appendWildcard(out);
        i = pathEnd;
        continue;
      }
      if (!isAlnum(c)) {
        boolean sign = (c == '-' || c == '+') && i + 1 < to && isDigit(line.charAt(i + 1))
            && (i == from || !isAlnum(line.charAt(i - 1)));
        if (!sign) {
          out.append(c);
          i++;
          continue;
        }
      }
      int runEnd = i + (isAlnum(c) ? 0 : 1);
      boolean digits = false;
      boolean allHex = true;
      while (runEnd < to && isAlnum(line.charAt(runEnd))) {
        char r = line.charAt(runEnd);
        digits |= isDigit(r);
        allHex &= isHexLetter(r) || isDigit(r);
        runEnd++;
      }
      boolean variable = (number && digits) || (hex && !digits && allHex && runEnd - i >= 8);
      if (variable) {
        appendWildcard(out);
      } else {
        out.append(line, i, runEnd);
      }
      i = runEnd;
    }
  }

  private static boolean isUrl(String line, int from, int to) {
    int scheme = line.indexOf("://", from);
    return scheme > from && scheme < to;
  }

  private static boolean isQuoted(String line, int from, int to) {
    return to - from >= 2 && isQuote(line.charAt(from)) && line.charAt(to - 1) == line.charAt(from);
  }

  private static boolean isDateWord(String line, int from, int to) {
    if (to - from != 3 || line.charAt(from) < 'A' || line.charAt(from) > 'Z') {
      return false;
    }
    for (String word : DATE_WORDS) {
      if (line.startsWith(word, from)) {
        return true;
      }
    }
    return false;
  }

  /** Appends a wildcard, folding {@code <*>.<*>} (a decimal, an IP, a version) into one. */
  private static void appendWildcard(StringBuilder out) {
    int n = out.length();
    if (n >= 4 && out.charAt(n - 1) == '.' && out.charAt(n - 2) == '>' && out.charAt(n - 3) == '*'
        && out.charAt(n - 4) == '<') {
      out.setLength(n - 1);
      return;
    }
    if (n >= 3 && out.charAt(n - 1) == '>' && out.charAt(n - 2) == '*' && out.charAt(n - 3) == '<') {
      return;
    }
    out.append(WILDCARD);
  }

  /**
   * The end of a path starting at {@code i}, or -1. A path starts with {@code /}, {@code ./},
   * {@code ../} or {@code ~/} where no path character precedes it, and runs over path characters.
   */
  private static int pathEnd(String line, int from, int i, int to) {
    if (i > from && isPathChar(line.charAt(i - 1))) {
      return -1;
    }
    int slash = i;
    while (slash < to && slash - i < 2 && (line.charAt(slash) == '.' || line.charAt(slash) == '~')) {
      slash++;
    }
    if (slash >= to || line.charAt(slash) != '/') {
      return -1;
    }
    int end = slash + 1;
    while (end < to && isPathChar(line.charAt(end))) {
      end++;
    }
    return end - i >= 2 ? end : -1;
  }

  private static boolean isPathChar(char c) {
    return isAlnum(c) || c == '/' || c == '.' || c == '_' || c == '-' || c == '~' || c == '+' || c == '@' || c == '%';
  }

  private static boolean isQuote(char c) {
    return c == '\'' || c == '"' || c == '`';
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexLetter(char c) {
    return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
