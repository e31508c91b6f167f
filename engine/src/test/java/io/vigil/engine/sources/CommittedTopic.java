package io.vigil.engine.sources;

import io.vertx.core.json.JsonObject;
import io.vigil.kafka.TopicReader;
import io.vigil.model.Topics;
import io.vigil.model.WireBatch;
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

  /** Every point on {@code vigil.points}, batch records opened into their points, in order. */
  static List<JsonObject> readPoints(String bootstrap) {
    List<JsonObject> points = new ArrayList<>();
    readAll(bootstrap, Topics.POINTS).forEach(record -> points.addAll(WireBatch.points(record)));
    return points;
  }
}
