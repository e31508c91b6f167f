package io.vigil.health;

import io.vertx.core.json.JsonObject;

/**
 * Where a memory series is heading: Holt's linear smoothing of its level and its slope per minute,
 * updated once per signal and weighted by the minutes since the last one, so a leak is seen
 * coming before the memory is full rather than when the container is killed. Immutable.
 *
 * @param slopePerMinute percentage points per minute
 * @param minutes the minutes of data behind the slope, for the warm-up
 */
public record MemoryTrend(double level, double slopePerMinute, double minutes, long atMillis) {

  /**
   * Per minute: how much a new value moves the level and a new slope moves the slope. The slope's
   * time constant is about a minute and a half (1 / -ln 0.5), because a leak that fills a container
   * in eight minutes must be forecast full within 20 within a minute and a half (it takes longer to
   * reach the score); the forecast's noise stays far from mattering (N(55, 1) a minute, or N(55, 2)
   * every ten seconds, is never forecast full within the half hour that counts).
   */
  static final double LEVEL_WEIGHT = 0.6;
  static final double SLOPE_WEIGHT = 0.5;
  /** A slope is believed only after this many minutes of data. */
  public static final double WARM_UP_MINUTES = 10;

  public static MemoryTrend first(double percent, long atMillis) {
    return new MemoryTrend(percent, 0, 0, atMillis);
  }

  /** This trend after {@code percent} at {@code atMillis}. */
  public MemoryTrend update(double percent, long atMillis) {
    double elapsedMinutes = Math.max(0, atMillis - this.atMillis) / 60_000.0;
    if (elapsedMinutes == 0) {
      return this;
    }
    double levelKeep = Math.pow(1 - LEVEL_WEIGHT, elapsedMinutes);
    double slopeKeep = Math.pow(1 - SLOPE_WEIGHT, elapsedMinutes);
    double forecast = level + slopePerMinute * elapsedMinutes;
    double nextLevel = levelKeep * forecast + (1 - levelKeep) * percent;
    double observedSlope = (nextLevel - level) / elapsedMinutes;
    double nextSlope = slopeKeep * slopePerMinute + (1 - slopeKeep) * observedSlope;
    return new MemoryTrend(nextLevel, nextSlope, minutes + elapsedMinutes, atMillis);
  }

  /** Minutes until the level reaches {@code limitPercent} at the current slope; infinite when not rising or not warmed up. */
  public double minutesTo(double limitPercent) {
    if (minutes < WARM_UP_MINUTES || slopePerMinute <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.max(0, (limitPercent - level) / slopePerMinute);
  }

  public JsonObject toJson() {
    return new JsonObject().put("level", level).put("slopePerMinute", slopePerMinute).put("minutes", minutes).put("atMillis", atMillis);
  }

  public static MemoryTrend fromJson(JsonObject json) {
    return new MemoryTrend(json.getDouble("level"), json.getDouble("slopePerMinute"), json.getDouble("minutes"), json.getLong("atMillis"));
  }
}
