package io.vigil.eval.nab;

import java.util.List;

/**
 * One NAB data file with its labels.
 *
 * @param category the folder the file sits in, e.g. {@code realTweets}
 * @param fileName the file's name, e.g. {@code Twitter_volume_AAPL.csv}
 * @param timestampTexts the timestamps exactly as the file spells them
 * @param valueTexts the values exactly as the file spells them
 * @param timestampMillis the timestamps as epoch milliseconds (read as UTC)
 * @param values the values as numbers
 * @param windows the anomaly windows, in time order
 */
public record NabSeries(
    String category,
    String fileName,
    List<String> timestampTexts,
    List<String> valueTexts,
    long[] timestampMillis,
    double[] values,
    List<NabWindow> windows) {

  /** The key NAB's label files use: {@code category/fileName}. */
  public String key() {
    return category + "/" + fileName;
  }

  public int size() {
    return values.length;
  }
}
