package io.vigil.eval.nab;

/**
 * An anomaly window of one series as row indices, both ends inclusive.
 *
 * @param startIndex index of the row whose timestamp equals the window's start
 * @param endIndex index of the row whose timestamp equals the window's end
 */
public record NabWindow(int startIndex, int endIndex) {

  public NabWindow {
    if (startIndex < 0 || endIndex < startIndex) {
      throw new IllegalArgumentException("window rows must satisfy 0 <= start <= end, were " + startIndex + ".." + endIndex);
    }
  }

  /** Number of rows in the window. */
  public int width() {
    return endIndex - startIndex + 1;
  }

  public boolean contains(int row) {
    return row >= startIndex && row <= endIndex;
  }
}
