package io.vigil.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.model.LogEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogBatchParserTest {

  private final LogBatchParser parser = new LogBatchParser(Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC), 100, 300_000);

  private static JsonObject event(String message) {
    return new JsonObject().put("logGroup", "/ecs/api").put("logStream", "s1").put("timestamp", 1_795_910_400_000L).put("message", message);
  }

  @Test
  void derivesStableIdsThatTellEqualEventsApart() {
    JsonObject body = new JsonObject().put("events", new JsonArray().add(event("boom")).add(event("boom")).add(event("other")));
    ParsedBatch<LogEvent> first = parser.parse(body);
    ParsedBatch<LogEvent> retried = parser.parse(body.copy());
    assertThat(first.valid()).isTrue();
    assertThat(first.items()).extracting(LogEvent::eventId).doesNotHaveDuplicates();
    assertThat(retried.items()).extracting(LogEvent::eventId).isEqualTo(first.items().stream().map(LogEvent::eventId).toList());
  }

  @Test
  void keepsAGivenId() {
    ParsedBatch<LogEvent> parsed = parser.parse(new JsonObject().put("events", new JsonArray().add(event("x").put("id", "cw-123"))));
    assertThat(parsed.items()).extracting(LogEvent::eventId).containsExactly("cw-123");
  }

  @Test
  void namesBadFields() {
    JsonObject noGroup = event("x");
    noGroup.remove("logGroup");
    JsonObject noMessage = event("x");
    noMessage.remove("message");
    ParsedBatch<LogEvent> parsed = parser.parse(new JsonObject().put("events", new JsonArray()
        .add(noGroup).add(noMessage).add(event("x").put("timestamp", "soon")).add(event("x").put("message", 12))));
    assertThat(parsed.items()).isEmpty();
    assertThat(parsed.errors()).extracting(FieldError::field)
        .containsExactly("events[0].logGroup", "events[1].message", "events[2].timestamp", "events[3].message");
  }
}
