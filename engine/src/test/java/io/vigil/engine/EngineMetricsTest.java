package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vigil.testing.Eventually;
import java.nio.file.Path;
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
      String metrics = Eventually.succeeds(vertx, 100, 200, () -> http.get(engine.httpPort(), "127.0.0.1", "/metrics").send()
          .map(response -> {
            String text = response.bodyAsString();
            // Kafka's fetch-manager metrics appear once a consumer has fetched.
            if (!text.contains("kafka_consumer_fetch_manager_records_lag_max")) {
              throw new IllegalStateException("no consumer lag yet");
            }
            return text;
          })).await();
      assertThat(metrics).containsPattern("(?m)^vigil_build_info\\{version=\"" + VigilEngine.version() + "\"} 1(\\.0)?$");
      assertThat(metrics).containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*stage=\"detection\"");
      assertThat(metrics).containsPattern("kafka_consumer_[a-z_]+\\{[^}]*stage=\"read-model\"");
      assertThat(metrics).containsPattern("kafka_producer_[a-z_]+\\{[^}]*stage=\"ingest\"");
      assertThat(metrics).containsPattern("kafka_producer_[a-z_]+\\{[^}]*stage=\"alerting\"");
    }
  }
}
