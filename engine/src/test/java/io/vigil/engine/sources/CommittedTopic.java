package io.vigil.engine.sources;

import io.vertx.core.json.JsonObject;
import io.vigil.kafka.TopicReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a whole topic as committed (read_committed), for assertions on exactly what was written. Blocking. */
final class CommittedTopic {

  private CommittedTopic() {}

  static List<JsonObject> readAll(String bootstrap, String topic) {
    List<JsonObject> values = new ArrayList<>();
    new TopicReader(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed", "enable.auto.commit", "false"))
        .read(topic, (key, value) -> {
          if (value != null) {
            values.add(value);
          }
        });
    return values;
  }
}
