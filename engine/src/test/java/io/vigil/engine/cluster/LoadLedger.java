package io.vigil.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vigil.kafka.TopicReader;
import io.vigil.model.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link PointLoad} pushed set against what Vigil shows: every accepted point is listed, once,
 * scored; no point is listed that was not sent; a point answered 503 or left unanswered may be
 * listed or not, but once at most. Every anomaly in {@code vigil.anomalies} is listed by the API,
 * and nothing else is, each id once.
 */
final class LoadLedger {

  /** The counts of one comparison, for the test's output. */
  record Counts(long accepted, long listed, long listedRefused, long listedUnknown, long late, long anomaliesInTopic,
      long anomaliesListed, long anomalyRecordsInTopic, long spikesFound) {

    @Override
    public String toString() {
      return "accepted " + accepted + ", listed " + listed + " (of them answered 503: " + listedRefused + ", unanswered: "
          + listedUnknown + ", late: " + late + "); anomalies in vigil.anomalies " + anomaliesInTopic + " distinct ("
          + anomalyRecordsInTopic + " records), listed " + anomaliesListed + ", planted spikes found " + spikesFound;
    }
  }

  private final PointLoad load;

  LoadLedger(PointLoad load) {
    this.load = load;
  }

  /** Fails (to be retried) until the API lists every accepted point; then checks everything else. */
  Future<Counts> check(Vertx vertx, WebClient api, TopicReader reader) {
    List<Future<JsonArray>> listings = new ArrayList<>();
    for (int index = 0; index < load.series(); index++) {
      String id = load.seriesKey(index).id();
      listings.add(api.get("/api/v1/series/" + id + "/points?limit=10000").send().map(response -> {
        assertThat(response.statusCode()).as("points of %s: %s", id, response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("points");
      }));
    }
    Future<JsonArray> anomalies = api.get("/api/v1/anomalies?limit=10000").send().map(response -> {
      assertThat(response.statusCode()).isEqualTo(200);
      return response.bodyAsJsonObject().getJsonArray("anomalies");
    });
    return Future.all(listings).compose(all -> anomalies).compose(listed -> {
      long[] counts = new long[5];
      for (int index = 0; index < load.series(); index++) {
        checkSeries(index, listings.get(index).result(), counts);
      }
      return vertx.executeBlocking(() -> TopicAnomalies.read(reader)).map(topic -> {
        Map<String, Double> inTopic = topic.valueById();
        Set<String> listedIds = new HashSet<>();
        for (Object item : listed) {
          JsonObject anomaly = (JsonObject) item;
          assertThat(listedIds.add(anomaly.getString("id"))).as("anomaly %s listed twice", anomaly.getString("id")).isTrue();
        }
        assertThat(listedIds).as("anomalies listed vs in vigil.anomalies").isEqualTo(inTopic.keySet());
        long spikes = inTopic.values().stream().filter(value -> value == 95.0).count();
        return new Counts(counts[0], counts[1], counts[2], counts[3], counts[4], inTopic.size(), listedIds.size(), topic.records(), spikes);
      });
    });
  }

  /** The anomalies in {@code vigil.anomalies}: each id's value, and how many records there were (replays write some again). */
  private record TopicAnomalies(Map<String, Double> valueById, long records) {

    static TopicAnomalies read(TopicReader reader) {
      Map<String, Double> byId = new HashMap<>();
      long[] records = {0};
      reader.read(Topics.ANOMALIES, (key, value) -> {
        if (value != null) {
          records[0]++;
          byId.put(value.getString("id"), value.getDouble("value"));
        }
      });
      return new TopicAnomalies(byId, records[0]);
    }
  }

  /** counts: accepted, listed, listed of refused, listed of unknown, late. */
  private void checkSeries(int index, JsonArray points, long[] counts) {
    Set<Integer> listed = new HashSet<>();
    for (Object item : points) {
      JsonObject point = (JsonObject) item;
      int step = load.stepOf(point.getLong("timestampMillis"));
      assertThat(step).as("series %d lists a point that was never sent: %s", index, point).isNotNegative();
      assertThat(listed.add(step)).as("series %d lists step %d twice", index, step).isTrue();
      PointLoad.Outcome outcome = load.outcome(index, step);
      assertThat(outcome).as("series %d lists step %d, which was never sent", index, step).isNotEqualTo(PointLoad.Outcome.NONE);
      if (outcome == PointLoad.Outcome.REFUSED) {
        counts[2]++;
      } else if (outcome == PointLoad.Outcome.UNKNOWN) {
        counts[3]++;
      }
      if (point.getBoolean("late", false)) {
        counts[4]++;
      }
    }
    for (int step = 0; step < PointLoad.MAX_STEPS; step++) {
      if (load.outcome(index, step) == PointLoad.Outcome.ACCEPTED) {
        counts[0]++;
        assertThat(listed).as("series %d: accepted step %d is not listed (%d of its points listed)", index, step, listed.size()).contains(step);
      }
    }
    counts[1] += listed.size();
  }
}
