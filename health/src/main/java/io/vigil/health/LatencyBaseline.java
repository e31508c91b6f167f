package io.vigil.health;

import io.vertx.core.json.JsonObject;

/**
 * A latency series against its own normal: a short exponentially weighted mean of its recent
 * values (half-life {@link #RECENT_HALF_LIFE_MINUTES}) and a long one (half-life
 * {@link #BASELINE_HALF_LIFE_MINUTES}) that anomalous values do not move, so a regression that the
 * detectors have stopped flagging still reads as slower than usual for hours. Updated with every
 * point, weighted by the minutes since the last one; the recent mean's one-minute half-life means a
 * regression reads as one within a minute or two, the time an on-call engineer would want. Immutable.
 *
 * @param minutes the minutes of data behind the baseline, for the warm-up
 */
public record LatencyBaseline(double recent, double baseline, double minutes, long atMillis) {

  public static final double RECENT_HALF_LIFE_MINUTES = 1;
  public static final double BASELINE_HALF_LIFE_MINUTES = 360;
  /** The baseline is compared with only after this many minutes of data. */
  public static final double WARM_UP_MINUTES = 60;

  public static LatencyBaseline first(double value, long atMillis) {
    return new LatencyBaseline(value, value, 0, atMillis);
  }

  /** This baseline after {@code value} at {@code atMillis}; an anomalous value moves only the recent mean. */
  public LatencyBaseline update(double value, long atMillis, boolean anomalous) {
    double elapsedMinutes = Math.max(0, atMillis - this.atMillis) / 60_000.0;
    if (elapsedMinutes == 0) {
      return this;
    }
    double recentKeep = Math.pow(0.5, elapsedMinutes / RECENT_HALF_LIFE_MINUTES);
    double baselineKeep = Math.pow(0.5, elapsedMinutes / BASELINE_HALF_LIFE_MINUTES);
    double nextRecent = recentKeep * recent + (1 - recentKeep) * value;
    double nextBaseline = anomalous ? baseline : baselineKeep * baseline + (1 - baselineKeep) * value;
    return new LatencyBaseline(nextRecent, nextBaseline, anomalous ? minutes : minutes + elapsedMinutes, atMillis);
  }

  /** Recent over baseline once warmed up and the baseline is positive; NaN before. */
  public double ratio() {
    return minutes >= WARM_UP_MINUTES && baseline > 0 ? recent / baseline : Double.NaN;
  }

  public JsonObject toJson() {
    return new JsonObject().put("recent", recent).put("baseline", baseline).put("minutes", minutes).put("atMillis", atMillis);
  }

  public static LatencyBaseline fromJson(JsonObject json) {
    return new LatencyBaseline(json.getDouble("recent"), json.getDouble("baseline"), json.getDouble("minutes"), json.getLong("atMillis"));
  }
}
