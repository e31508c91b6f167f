package io.vigil.detectors.logs;

/** A kind of variable the miner masks before it looks for templates. */
public enum MaskKind {
  /** URLs ({@code scheme://...}): the whole token. */
  URL,
  /** A token wholly inside single or double quotes or backquotes: the whole token. */
  QUOTED,
  /** A path ({@code /var/log/x}, {@code ./a/b}, {@code ~/x}): the path inside the token. */
  PATH,
  /**
   * Alphanumeric runs holding a digit: numbers, IPs and ports, UUIDs, hex ids, durations, times,
   * versions; a sign and dot-separated runs are one variable ({@code -1.5}, {@code 10.0.0.1}).
   */
  NUMBER,
  /** Letter-only hexadecimal runs of eight or more characters (hash fragments). */
  HEX,
  /** Month and weekday abbreviations (Jan..Dec, Mon..Sun), the words of a printed date. */
  DATE
}
