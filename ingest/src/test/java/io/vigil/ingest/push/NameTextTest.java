package io.vigil.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NameTextTest {

  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  @Test
  void refusesLoneSurrogatesAndControlCharactersButKeepsRealUnicode() {
    for (String bad : new String[] {"CPU\ud800", "CPU\udbff", "\udc00CPU", "CPU\u0000", "CPU\n", "CPU\u001b[31m", "CPU\u007f", "CPU\u0085", "CPU\u009f"}) {
      assertThat(NameText.problem(bad)).as(bad).isNotNull();
    }
    assertThat(NameText.problem("CPU\ud800")).contains("U+D800").contains("index 3");
    for (String good : new String[] {"CPU", "Latenz/ms", "東京", "pile \ud83d\udca9 of", "a b"}) {
      assertThat(NameText.problem(good)).as(good).isNull();
    }
  }

  @Test
  void metricNamesNamespacesAndDimensionsAreChecked() {
    MetricBatchParser parser = new MetricBatchParser(Clock.fixed(NOW, ZoneOffset.UTC), 100, 300_000);
    // Decoded from JSON text, as the request body is: the escapes make lone surrogates and controls.
    JsonObject body = new JsonObject("""
        {"points":[
          {"namespace":"A","metric":"CPU\\ud800","timestamp":0,"value":1},
          {"namespace":"A\\u0000","metric":"CPU","timestamp":0,"value":1},
          {"namespace":"A","metric":"CPU","dimensions":{"Service\\n":"api"},"timestamp":0,"value":1},
          {"namespace":"A","metric":"CPU","dimensions":{"Service":"api\\u001b[2J"},"timestamp":0,"value":1},
          {"namespace":"A","metric":"CPU?","timestamp":0,"value":1}]}""");
    assertThat(parser.parse(body).errors()).extracting(FieldError::field).containsExactly(
        "points[0].metric", "points[1].namespace", "points[2].dimensions.Service\n", "points[3].dimensions.Service");
  }

  @Test
  void logGroupsAndStreamsAreChecked() {
    LogBatchParser parser = new LogBatchParser(Clock.fixed(NOW, ZoneOffset.UTC), 100, 300_000);
    JsonObject good = new JsonObject().put("logGroup", "/ecs/api").put("logStream", "s1").put("timestamp", 0).put("message", "line\nwith newline");
    JsonObject body = new JsonObject().put("events", new JsonArray()
        .add(good)
        .add(good.copy().put("logGroup", "/ecs/\ud800"))
        .add(good.copy().put("logStream", "s\u0007")));
    assertThat(parser.parse(body).errors()).extracting(FieldError::field).containsExactly("events[1].logGroup", "events[2].logStream");
  }
}
