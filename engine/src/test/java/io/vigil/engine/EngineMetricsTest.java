package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vigil.testing.Eventually;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} carries Vigil's build and every stage's Kafka client meters, consumer lag among them. */
@ExtendWith(VertxExtension.class)
class EngineMetricsTest {

  @TempDir
  Path dataDir;

  @Test
  void buildInfoAndKafkaClientMetersPerStage(Vertx vertx) {
    try (VigilEngine engine = TestEngines.start(dataDir)) {
      WebClient http = WebClient.create(vertx);
      JsonObject point = new JsonObject().put("namespace", "Test/Metrics").put("metric", "Latency")
          .put("dimensions", new JsonObject().put("ServiceName", "metered")).put("timestamp", Instant.now().toString()).put("value", 1);
      assertThat(http.post(engine.httpPort(), "127.0.0.1", "/api/v1/metrics")
          .sendJsonObject(new JsonObject().put("points", new JsonArray().add(point))).await().statusCode()).isEqualTo(202);
      String metrics = Eventually.succeeds(vertx, 100, 200, () -> http.get(engine.httpPort(), "127.0.0.1", "/metrics").send()
          .map(response -> {
            String text = response.bodyAsString();
            // Kafka's fetch-manager metrics appear once a consumer has fetched.
            if (!text.contains("kafka_consumer_fetch_manager_records_lag_max") || !text.contains("vigil_detection_accepted_to_scored_seconds_count")) {
              throw new IllegalStateException("no consumer lag or scored point yet");
            }
            return text;
          })).await();
      assertThat(metrics).containsPattern("(?m)^vigil_build_info\\{version=\"" + VigilEngine.version() + "\"} 1(\\.0)?$");
      assertThat(metrics).containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*stage=\"detection\"");
      assertThat(metrics).containsPattern("kafka_consumer_[a-z_]+\\{[^}]*stage=\"read-model\"");
      assertThat(metrics).containsPattern("kafka_producer_[a-z_]+\\{[^}]*stage=\"ingest\"");
      assertThat(metrics).containsPattern("kafka_producer_[a-z_]+\\{[^}]*stage=\"alerting\"");
      // Latency histograms in seconds, as Prometheus users expect.
      assertThat(metrics).containsPattern("vigil_ingest_request_seconds_bucket\\{[^}]*kind=\"metrics\"");
      assertThat(metrics).contains("vigil_detection_accepted_to_scored_seconds_bucket");
      assertThat(metrics).containsPattern("(?m)^vigil_series [0-9.]+$").containsPattern("(?m)^vigil_series_limit 100000(\\.0)?$");
    }
  }
}
