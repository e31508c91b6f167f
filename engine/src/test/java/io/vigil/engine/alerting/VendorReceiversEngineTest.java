package io.vigil.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vigil.engine.TestEngines;
import io.vigil.engine.VigilEngine;
import io.vigil.testing.Eventually;
import io.vigil.testing.ReceiverStub;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * PagerDuty, Opsgenie and Teams receivers on a real engine, through the outbox: their API bases
 * point at a loopback fake; PagerDuty's 503s are retried with one delivery id until its 202, an
 * Opsgenie 422 ends in the dead letters with the key masked, Teams gets its card.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class VendorReceiversEngineTest {

  private static final String ROUTING_KEY = "R0uTiNgKeY0123456789abcdefABCDEF";
  private static final String API_KEY = "eb243592-faa2-4ba2-a551-1afdf565c889";

  @TempDir
  Path dataDir;

  @Test
  void vendorReceiversRetry5xxDeadLetter4xxAndMaskTheirKeys(Vertx vertx) {
    ReceiverStub fake = new ReceiverStub().start(vertx).await();
    AtomicInteger pagerDutyCalls = new AtomicInteger();
    fake.answer("/v2/enqueue", () -> pagerDutyCalls.incrementAndGet() <= 2 ? 503 : 202);
    fake.answer("/v2/alerts", () -> 422);
    fake.answer("/teams/hook", () -> 200);
    String base = "http://127.0.0.1:" + fake.port();
    VigilEngine engine = TestEngines.start(dataDir, AlertingEngineTest.testSettings(AlertingEngineTest.TOKEN, "4")[0],
        "alerting.allowPrivateReceivers=true", "alerting.tickMillis=100", "alerting.retryInitialMillis=100", "alerting.retryMaxMillis=400",
        "alerting.maxDeliveryAgeSeconds=30", "alerting.pagerdutyUrl=" + base, "alerting.opsgenieUrl=" + base);
    try {
      WebClient http = AlertingEngineTest.http(vertx, engine);
      subscribe(http, "pd", "pd-svc", new JsonObject().put("type", "pagerduty").put("routingKey", ROUTING_KEY));
      subscribe(http, "og", "og-svc", new JsonObject().put("type", "opsgenie").put("apiKey", API_KEY));
      subscribe(http, "teams", "tm-svc", new JsonObject().put("type", "msteams").put("url", base + "/teams/hook"));
      for (String service : List.of("pd-svc", "og-svc", "tm-svc")) {
        AlertingEngineTest.produceAnomaly(vertx, engine, service, "CPUUtilization").await();
      }

      List<ReceiverStub.Received> paged = Eventually.succeeds(vertx, 200, 100, () -> {
        assertThat(fake.at("/v2/enqueue")).hasSizeGreaterThanOrEqualTo(3);
        return Future.succeededFuture(fake.at("/v2/enqueue"));
      }).await();
      assertThat(paged).extracting(ReceiverStub.Received::deliveryId).containsOnly(paged.get(0).deliveryId());
      JsonObject event = paged.get(2).json();
      assertThat(event.getString("routing_key")).isEqualTo(ROUTING_KEY);
      assertThat(event.getString("event_action")).isEqualTo("trigger");
      assertThat(event.getString("dedup_key")).isEqualTo("pd:{service=\"pd-svc\"}");
      assertThat(event.getJsonObject("payload").getString("severity")).isEqualTo("critical");
      assertThat(event.getJsonObject("payload").getString("summary")).startsWith("[FIRING:1] CPUUtilization of pd-svc");

      ReceiverStub.Received card = Eventually.succeeds(vertx, 200, 100, () -> {
        assertThat(fake.at("/teams/hook")).isNotEmpty();
        return Future.succeededFuture(fake.at("/teams/hook").get(0));
      }).await();
      assertThat(card.json().getJsonArray("attachments").getJsonObject(0).getJsonObject("content").getString("type")).isEqualTo("AdaptiveCard");

      List<JsonObject> failed = Eventually.succeeds(vertx, 200, 100, () -> http.get("/api/v1/deliveries?status=failed").send().map(response -> {
        List<JsonObject> items = response.bodyAsJsonObject().getJsonArray("deliveries").stream().map(JsonObject.class::cast).toList();
        assertThat(items).extracting(item -> item.getString("subscription")).contains("og");
        return items;
      })).await();
      JsonObject deadLetter = failed.stream().filter(item -> "og".equals(item.getString("subscription"))).findFirst().orElseThrow();
      assertThat(deadLetter.getString("reason")).contains("422");
      assertThat(deadLetter.encode()).doesNotContain(API_KEY);
      assertThat(fake.at("/v2/alerts")).hasSize(1).allSatisfy(request -> {
        assertThat(request.authorization()).isEqualTo("GenieKey " + API_KEY);
        assertThat(request.json().getString("message")).hasSizeLessThanOrEqualTo(130);
      });
      Eventually.succeeds(vertx, 100, 100, () -> http.get("/api/v1/deliveries?status=delivered").send().map(response -> {
        assertThat(response.bodyAsJsonObject().getJsonArray("deliveries")).extracting(item -> ((JsonObject) item).getString("subscription"))
            .contains("pd", "teams");
        return response;
      })).await();
      JsonObject listed = http.get("/api/v1/subscriptions").send().await().bodyAsJsonObject();
      assertThat(listed.encode()).doesNotContain(ROUTING_KEY).doesNotContain(API_KEY).doesNotContain("/teams/hook");
    } finally {
      engine.close();
    }
  }

  private static void subscribe(WebClient http, String name, String service, JsonObject receiver) {
    JsonObject subscription = new JsonObject().put("name", name)
        .put("match", new JsonObject().put("service", service))
        .put("receiver", receiver)
        .put("groupBy", new JsonArray().add("service")).put("groupWait", "0s").put("groupInterval", "1s").put("repeatInterval", "1h");
    AlertingEngineTest.subscribe(http, subscription).await();
  }
}
