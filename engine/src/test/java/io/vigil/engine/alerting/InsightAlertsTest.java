package io.vigil.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.engine.TestEngines;
import io.vigil.engine.VigilEngine;
import io.vigil.model.Anomaly;
import io.vigil.model.Severity;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.testing.Eventually;
import io.vigil.testing.ReceiverStub;
import io.vigil.testing.TestAnomalies;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One incident, one page: three metrics of a service go anomalous at once, the health stage groups
 * them into an insight, every alert of the service carries that insight's id as its {@code insight}
 * label, and a subscription grouped by insight is notified once, with all three alerts.
 */
@ExtendWith(VertxExtension.class)
class InsightAlertsTest {

  private static final List<String> METRICS = List.of("CPUUtilization", "MemoryUtilization", "TargetResponseTime");

  @TempDir
  Path dataDir;

  private static List<JsonObject> items(JsonObject body, String field) {
    return body.getJsonArray(field).stream().map(JsonObject.class::cast).toList();
  }

  /** What detection writes for an anomalous point: the scored point (health reads it) and the anomaly (alerting reads it). */
  private static Future<Void> detected(Vertx vertx, VigilEngine engine, String service, String metric) {
    Anomaly anomaly = TestAnomalies.of(service, metric, System.currentTimeMillis(), 0.99, Severity.CRITICAL);
    KafkaProducer<String, JsonObject> producer = KafkaProducer.create(vertx,
        engine.config().kafka().producerProperties(engine.bootstrapServers()), String.class, JsonObject.class);
    return producer.send(KafkaProducerRecord.create(Topics.SCORES, anomaly.seriesId(), Wire.scoredPoint(anomaly.scoredPoint())))
        .compose(scored -> producer.send(KafkaProducerRecord.create(Topics.ANOMALIES, anomaly.seriesId(), Wire.anomaly(anomaly))))
        .eventually(producer::close).mapEmpty();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void anIncidentOfThreeAlertsPagesOnceGroupedByItsInsight(Vertx vertx) throws Exception {
    ReceiverStub receiver = new ReceiverStub().start(vertx).await();
    String[] settings = AlertingEngineTest.testSettings(AlertingEngineTest.TOKEN, "120");
    try (VigilEngine engine = TestEngines.start(dataDir, settings)) {
      WebClient http = AlertingEngineTest.http(vertx, engine);
      JsonObject byInsight = new JsonObject().put("name", "incidents")
          .put("match", new JsonObject().put("service", "checkout").put("minSeverity", "warning"))
          .put("receiver", new JsonObject().put("type", "webhook").put("url", receiver.url("/incidents")).put("secret", "hush").put("format", "vigil"))
          .put("groupBy", new JsonArray().add("insight")).put("groupWait", "2s").put("groupInterval", "1h").put("repeatInterval", "4h");
      AlertingEngineTest.subscribe(http, byInsight).await();

      for (String metric : METRICS) {
        detected(vertx, engine, "checkout", metric).await();
      }

      String insightId = Eventually.succeeds(vertx, 300, 200, () -> http.get("/api/v1/insights?service=checkout&status=open").send()
          .compose(response -> {
            List<JsonObject> open = items(response.bodyAsJsonObject(), "insights");
            return open.size() == 1 ? Future.succeededFuture(open.get(0).getString("id"))
                : Future.failedFuture("open insights of checkout: " + response.bodyAsString());
          })).await();
      Eventually.succeeds(vertx, 300, 200, () -> http.get("/api/v1/alerts").send().compose(response -> {
        List<JsonObject> alerts = items(response.bodyAsJsonObject(), "alerts").stream()
            .filter(alert -> "checkout".equals(alert.getJsonObject("labels").getString("service"))).toList();
        boolean labelled = alerts.size() == METRICS.size()
            && alerts.stream().allMatch(alert -> insightId.equals(alert.getJsonObject("labels").getString("insight")));
        return labelled ? Future.succeededFuture() : Future.failedFuture("alerts of checkout: " + alerts);
      })).await();

      Eventually.succeeds(vertx, 300, 100, () -> receiver.at("/incidents").isEmpty()
          ? Future.failedFuture("nothing paged yet") : Future.succeededFuture()).await();
      vertx.timer(3000).await();
      // The group interval is an hour: a second delivery would be a second page for the incident (a
      // retried delivery keeps its id).
      Map<String, ReceiverStub.Received> deliveries = new HashMap<>();
      receiver.at("/incidents").forEach(received -> deliveries.putIfAbsent(received.deliveryId(), received));
      assertThat(deliveries.values()).singleElement().satisfies(received -> {
        JsonObject body = received.json();
        assertThat(body.getString("groupKey")).isEqualTo("incidents:{insight=\"" + insightId + "\"}");
        assertThat(items(body, "alerts")).extracting(alert -> alert.getJsonObject("labels").getString("metric"))
            .containsExactlyInAnyOrderElementsOf(METRICS);
      });
    }
  }
}
