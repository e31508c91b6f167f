package io.vigil.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log cursor's late-arrival memory. */
class LogCursorTest {

  @Test
  void advancingKeepsTheIdsOfTheLateArrivalWindowBehindTheNewestEvent() {
    LogCursor cursor = new LogCursor(10_000, Map.of("a", 9_000L, "b", 10_000L));
    LogCursor next = cursor.advance(Map.of("c", 12_500L, "d", 8_000L), 3_000);

    assertThat(next.timestampMillis()).isEqualTo(12_500);
    // Window 9,500..12,500: a (9,000) and d (8,000, a late one just emitted) fall out.
    assertThat(next.recent()).containsOnlyKeys("b", "c");
  }

  @Test
  void aLateEventDoesNotMoveTheCursorBack() {
    LogCursor next = new LogCursor(10_000, Map.of("b", 10_000L)).advance(Map.of("late", 9_500L), 3_000);
    assertThat(next.timestampMillis()).isEqualTo(10_000);
    assertThat(next.recent()).containsOnlyKeys("b", "late");
  }

  @Test
  void aBusyWindowKeepsOnlyTheNewestIds() {
    Map<String, Long> emitted = new HashMap<>();
    for (int i = 0; i < LogCursor.MAX_RECENT + 10; i++) {
      emitted.put("e" + i, 1_000L + i);
    }
    LogCursor next = new LogCursor(1_000, Map.of()).advance(emitted, 1_000_000);
    assertThat(next.recent()).hasSize(LogCursor.MAX_RECENT).containsKey("e" + (LogCursor.MAX_RECENT + 9)).doesNotContainKey("e0");
  }

  @Test
  void roundTripsAndReadsTheOlderForm() {
    LogCursor cursor = new LogCursor(10_000, Map.of("a", 9_000L, "b", 10_000L));
    assertThat(LogCursor.fromJson(new JsonObject(cursor.toJson().encode()))).isEqualTo(cursor);

    JsonObject older = new JsonObject().put("timestampMillis", 10_000L).put("eventIds", new JsonArray().add("x").add("y"));
    assertThat(LogCursor.fromJson(older)).isEqualTo(new LogCursor(10_000, Map.of("x", 10_000L, "y", 10_000L)));
  }
}
