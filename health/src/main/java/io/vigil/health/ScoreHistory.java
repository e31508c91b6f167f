package io.vigil.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A service's score at one-minute resolution for the last 24 hours: a ring of
 * {@link #MINUTES} slots indexed by epoch minute, so memory is fixed however long a service lives.
 * A minute with no score (no data, or no process scoring) is a gap, never a made-up value; the
 * last score given within a minute is the minute's.
 *
 * <p>Not thread-safe: one service's history belongs to the partition state that scores it.
 */
public final class ScoreHistory {

  public static final int MINUTES = 24 * 60;
  public static final long MINUTE_MILLIS = 60_000;
  private static final int GAP = -1;

  private final int[] scores = new int[MINUTES];
  private long newestMinute = Long.MIN_VALUE;

  public ScoreHistory() {
    java.util.Arrays.fill(scores, GAP);
  }

  /** Records {@code score} as the score of the minute holding {@code atMillis}; an older minute than the newest is ignored. */
  public void record(long atMillis, int score) {
    long minute = Math.floorDiv(atMillis, MINUTE_MILLIS);
    if (newestMinute != Long.MIN_VALUE && minute < newestMinute) {
      return;
    }
    if (newestMinute != Long.MIN_VALUE) {
      long gap = Math.min(minute - newestMinute, MINUTES);
      for (long skipped = 1; skipped <= gap; skipped++) {
        scores[slot(newestMinute + skipped)] = GAP;
      }
    }
    newestMinute = minute;
    scores[slot(minute)] = score;
  }

  /** The score of the minute {@code minutesAgo} before the newest one, if there is one. */
  public OptionalInt minutesAgo(int minutesAgo) {
    if (newestMinute == Long.MIN_VALUE || minutesAgo < 0 || minutesAgo >= MINUTES) {
      return OptionalInt.empty();
    }
    int score = scores[slot(newestMinute - minutesAgo)];
    return score == GAP ? OptionalInt.empty() : OptionalInt.of(score);
  }

  /** The newest score minus the one {@code minutes} earlier, where both exist. */
  public OptionalInt delta(int minutes) {
    OptionalInt now = minutesAgo(0);
    OptionalInt then = minutesAgo(minutes);
    return now.isPresent() && then.isPresent() ? OptionalInt.of(now.getAsInt() - then.getAsInt()) : OptionalInt.empty();
  }

  /** The start of the oldest of the last {@code minutes} minutes; meaningful once a score was recorded. */
  public long startMillis(int minutes) {
    return (newestMinute - minutes + 1) * MINUTE_MILLIS;
  }

  /** The last {@code minutes} minutes' scores, oldest first, null for a gap; empty before the first score. */
  public List<Integer> last(int minutes) {
    List<Integer> values = new ArrayList<>(minutes);
    if (newestMinute == Long.MIN_VALUE) {
      return values;
    }
    for (int ago = minutes - 1; ago >= 0; ago--) {
      OptionalInt score = minutesAgo(ago);
      values.add(score.isPresent() ? score.getAsInt() : null);
    }
    return values;
  }

  public JsonObject toJson() {
    JsonArray values = new JsonArray();
    last(MINUTES).forEach(values::add);
    return new JsonObject().put("newestMinute", newestMinute == Long.MIN_VALUE ? null : newestMinute).put("scores", values);
  }

  public static ScoreHistory fromJson(JsonObject json) {
    ScoreHistory history = new ScoreHistory();
    Long newest = json.getLong("newestMinute");
    if (newest == null) {
      return history;
    }
    JsonArray values = json.getJsonArray("scores");
    for (int i = 0; i < values.size(); i++) {
      Integer score = values.getInteger(i);
      long minute = newest - (values.size() - 1 - i);
      if (score != null) {
        history.record(minute * MINUTE_MILLIS, score);
      }
    }
    history.record(newest * MINUTE_MILLIS, history.minutesAgo(0).orElse(GAP));
    return history;
  }

  private static int slot(long minute) {
    return (int) Math.floorMod(minute, (long) MINUTES);
  }
}
