package io.vigil.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vigil.alerting.Subscription;
import io.vigil.alerting.notify.WebhookSignature;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerting on a real engine and broker, with real HTTP receivers on loopback: anomalies produced to
 * Kafka become signed webhook notifications; a receiver that is down for a while gets every retry
 * with one delivery id; a rejecting one ends in the dead letters; a slow one holds up nobody.
 */
@Tag("slow")
@ExtendWith(VertxExtension.class)
class AlertingEngineTest {

  static final String TOKEN = "t0ken-for-tests";

  @TempDir
  static Path dataDir;

  private static VigilEngine engine;
  private static Vertx receiverVertx;
  private static ReceiverStub receiver;

  @BeforeAll
  static void start() {
    receiverVertx = Vertx.vertx();
    receiver = new ReceiverStub().start(receiverVertx).await();
    engine = TestEngines.start(dataDir, testSettings(TOKEN, "4"));
  }

  static String[] testSettings(String token, String maxAgeSeconds) {
    return new String[] {
        "auth.adminToken=" + token,
        "alerting.allowPrivateReceivers=true",
        "alerting.tickMillis=100",
        "alerting.retryInitialMillis=100",
        "alerting.retryMaxMillis=400",
        "alerting.maxDeliveryAgeSeconds=" + maxAgeSeconds,
        "alerting.requestTimeoutMillis=700",
        "alerting.recoverySeconds=30"};
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
    receiverVertx.close().await();
  }

  static WebClient http(Vertx vertx, VigilEngine engine) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
  }

  static HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
    return request.putHeader("Authorization", "Bearer " + TOKEN);
  }

  static JsonObject webhookSubscription(String name, String service, String url) {
    return new JsonObject().put("name", name)
        .put("match", new JsonObject().put("service", service).put("minSeverity", "warning"))
        .put("receiver", new JsonObject().put("type", "webhook").put("url", url).put("secret", "hush-" + name))
        .put("groupBy", new JsonArray().add("service")).put("groupWait", "0s").put("groupInterval", "1s").put("repeatInterval", "1h");
  }

  static Future<Void> produceAnomaly(Vertx vertx, VigilEngine engine, String service, String metric) {
    Anomaly anomaly = TestAnomalies.of(service, metric, System.currentTimeMillis(), 0.99, Severity.CRITICAL);
    KafkaProducer<String, JsonObject> producer = KafkaProducer.create(vertx,
        engine.config().kafka().producerProperties(engine.bootstrapServers()), String.class, JsonObject.class);
    return producer.send(KafkaProducerRecord.create(Topics.ANOMALIES, anomaly.seriesId(), Wire.anomaly(anomaly)))
        .eventually(producer::close).mapEmpty();
  }

  static Future<HttpResponse<Buffer>> subscribe(WebClient http, JsonObject subscription) {
    return authorized(http.post("/api/v1/subscriptions")).sendJsonObject(subscription).map(response -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
      return response;
    });
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void writesNeedTheTokenBadInputIsRefusedNamingTheFieldAndSecretsAreMasked(Vertx vertx, VertxTestContext test) {
    WebClient http = http(vertx, engine);
    JsonObject good = webhookSubscription("crud", "crud-svc", receiver.url("/crud"));
    http.post("/api/v1/subscriptions").sendJsonObject(good).compose(unauthorized -> {
      test.verify(() -> assertThat(unauthorized.statusCode()).isEqualTo(401));
      return authorized(http.post("/api/v1/subscriptions")).sendJsonObject(good.copy().put("groupInterval", "-1m")
          .put("receiver", new JsonObject().put("type", "carrier-pigeon")));
    }).compose(bad -> {
      test.verify(() -> {
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getJsonArray("details")).extracting(item -> ((JsonObject) item).getString("field"))
            .containsExactlyInAnyOrder("groupInterval", "receiver.type");
      });
      return authorized(http.post("/api/v1/subscriptions")).putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{not json"));
    }).compose(malformed -> {
      test.verify(() -> assertThat(malformed.statusCode()).isEqualTo(400));
      return subscribe(http, good);
    }).compose(created -> {
      test.verify(() -> {
        assertThat(created.bodyAsString()).doesNotContain("hush-crud");
        assertThat(created.bodyAsJsonObject().getJsonObject("receiver").getString("secret")).isEqualTo(Subscription.MASK);
      });
      return authorized(http.post("/api/v1/subscriptions")).sendJsonObject(good);
    }).compose(duplicate -> {
      test.verify(() -> {
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("name");
      });
      return http.get("/api/v1/subscriptions").send();
    }).compose(list -> {
      test.verify(() -> {
        assertThat(list.bodyAsString()).doesNotContain("hush-crud");
        assertThat(list.bodyAsJsonObject().getJsonArray("subscriptions")).extracting(item -> ((JsonObject) item).getString("name")).containsOnlyOnce("crud");
      });
      return authorized(http.delete("/api/v1/subscriptions/crud")).send();
    }).compose(deleted -> {
      test.verify(() -> assertThat(deleted.statusCode()).isEqualTo(204));
      return http.get("/api/v1/subscriptions/crud").send();
    }).onComplete(test.succeeding(gone -> test.verify(() -> {
      assertThat(gone.statusCode()).isEqualTo(404);
      test.completeNow();
    })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void aReceiverDownForAWhileGetsEveryRetryWithOneDeliveryIdAndAValidSignature(Vertx vertx, VertxTestContext test) {
    WebClient http = http(vertx, engine);
    AtomicInteger calls = new AtomicInteger();
    receiver.answer("/flaky", () -> calls.incrementAndGet() <= 3 ? 503 : 200);
    subscribe(http, webhookSubscription("flaky", "flaky-svc", receiver.url("/flaky")))
        .compose(created -> produceAnomaly(vertx, engine, "flaky-svc", "CPUUtilization"))
        .compose(produced -> Eventually.succeeds(vertx, 100, 100, () -> {
          assertThat(receiver.at("/flaky")).hasSizeGreaterThanOrEqualTo(4);
          return Future.succeededFuture(receiver.at("/flaky"));
        }))
        .compose(requests -> {
          test.verify(() -> {
            assertThat(requests).extracting(ReceiverStub.Received::deliveryId).containsOnly(requests.get(0).deliveryId());
            assertThat(requests).extracting(ReceiverStub.Received::body).containsOnly(requests.get(0).body());
            ReceiverStub.Received first = requests.get(0);
            assertThat(first.signature()).isEqualTo(WebhookSignature.sign("hush-flaky", Long.parseLong(first.timestamp()), first.body()));
            assertThat(WebhookSignature.verify("hush-flaky", first.timestamp(), first.signature(), first.body(),
                System.currentTimeMillis() / 1000, WebhookSignature.DEFAULT_TOLERANCE_SECONDS)).isTrue();
            JsonObject body = first.json();
            assertThat(body.getString("version")).as("Alertmanager's webhook payload, the default").isEqualTo("4");
            assertThat(body.getString("status")).isEqualTo("firing");
            assertThat(body.getString("receiver")).isEqualTo("flaky");
            assertThat(body.getJsonObject("groupLabels").getString("service")).isEqualTo("flaky-svc");
            assertThat(body.getString("externalURL")).startsWith("http://127.0.0.1:");
            JsonObject alert = body.getJsonArray("alerts").getJsonObject(0);
            assertThat(alert.getJsonObject("labels").getString("metric")).isEqualTo("CPUUtilization");
            assertThat(alert.getString("endsAt")).isEqualTo("0001-01-01T00:00:00Z");
            assertThat(alert.getJsonObject("annotations").getString("vigil_alert_id")).startsWith("al-");
            assertThat(alert.getString("fingerprint")).hasSize(16);
          });
          return Eventually.succeeds(vertx, 50, 100, () -> http.get("/api/v1/deliveries?status=delivered").send().map(response -> {
            assertThat(response.bodyAsJsonObject().getJsonArray("deliveries")).extracting(item -> ((JsonObject) item).getString("deliveryId"))
                .contains(requests.get(0).deliveryId());
            return response;
          }));
        })
        .compose(delivered -> http.get("/api/v1/alerts?state=firing").send())
        .compose(alerts -> {
          JsonObject alert = alerts.bodyAsJsonObject().getJsonArray("alerts").stream().map(JsonObject.class::cast)
              .filter(item -> "flaky-svc".equals(item.getJsonObject("labels").getString("service"))).findFirst().orElseThrow();
          test.verify(() -> assertThat(alert.getString("state")).isEqualTo("firing"));
          return authorized(http.post("/api/v1/alerts/" + alert.getString("id") + "/ack")).send()
              .compose(acked -> {
                test.verify(() -> {
                  assertThat(acked.statusCode()).isEqualTo(200);
                  assertThat(acked.bodyAsJsonObject().getBoolean("acknowledged")).isTrue();
                });
                return authorized(http.post("/api/v1/alerts/" + alert.getString("id") + "/feedback"))
                    .sendJsonObject(new JsonObject().put("verdict", "maybe"));
              })
              .compose(badFeedback -> {
                test.verify(() -> assertThat(badFeedback.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("verdict"));
                return authorized(http.post("/api/v1/alerts/" + alert.getString("id") + "/feedback"))
                    .sendJsonObject(new JsonObject().put("verdict", "not_anomaly").put("comment", "batch job"));
              })
              .compose(feedback -> {
                test.verify(() -> {
                  assertThat(feedback.statusCode()).isEqualTo(201);
                  assertThat(feedback.bodyAsJsonObject().getDouble("seriesThreshold")).isGreaterThan(0.9);
                });
                return http.get("/api/v1/alerts/" + alert.getString("id")).send();
              });
        })
        .onComplete(test.succeeding(shown -> test.verify(() -> {
          assertThat(shown.bodyAsJsonObject().getJsonArray("feedback")).singleElement()
              .satisfies(item -> assertThat(((JsonObject) item).getString("verdict")).isEqualTo("not_anomaly"));
          test.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void aDashboardSubscriptionPushesItsNotificationsOnTheWebSocket(Vertx vertx, VertxTestContext test) {
    WebClient http = http(vertx, engine);
    JsonObject subscription = new JsonObject().put("name", "dashboard")
        .put("match", new JsonObject().put("service", "ws-svc"))
        .put("receiver", new JsonObject().put("type", "websocket"))
        .put("groupBy", new JsonArray().add("service")).put("groupWait", "0s").put("groupInterval", "1s").put("repeatInterval", "1h");
    vertx.createWebSocketClient().connect(engine.httpPort(), "127.0.0.1", "/api/v1/stream").onComplete(test.succeeding(socket -> {
      socket.textMessageHandler(text -> {
        JsonObject message = new JsonObject(text);
        if ("subscribed".equals(message.getString("type"))) {
          subscribe(http, subscription).compose(created -> produceAnomaly(vertx, engine, "ws-svc", "MemoryUtilization")).onFailure(test::failNow);
        } else if ("alert".equals(message.getString("type"))) {
          JsonObject notification = message.getJsonObject("data");
          test.verify(() -> {
            assertThat(notification.getString("status")).isEqualTo("firing");
            assertThat(notification.getJsonObject("groupLabels").getString("service")).isEqualTo("ws-svc");
            assertThat(notification.getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").getString("metric")).isEqualTo("MemoryUtilization");
          });
          test.completeNow();
        }
      });
      socket.writeTextMessage(new JsonObject().put("subscribe", new JsonArray().add("alerts")).encode());
    }));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void aRejectingReceiverEndsInTheDeadLettersAndASlowOneHoldsUpNobody(Vertx vertx, VertxTestContext test) {
    WebClient http = http(vertx, engine);
    receiver.answer("/reject", () -> 410);
    receiver.answer("/slow", () -> ReceiverStub.NEVER);
    receiver.answer("/fast", () -> 200);
    long[] producedAt = new long[1];
    subscribe(http, webhookSubscription("reject", "shared-svc", receiver.url("/reject")))
        .compose(created -> subscribe(http, webhookSubscription("slow", "shared-svc", receiver.url("/slow"))))
        .compose(created -> subscribe(http, webhookSubscription("fast", "shared-svc", receiver.url("/fast"))))
        .compose(created -> {
          producedAt[0] = System.currentTimeMillis();
          return produceAnomaly(vertx, engine, "shared-svc", "TargetResponseTime");
        })
        .compose(produced -> Eventually.succeeds(vertx, 100, 50, () -> {
          assertThat(receiver.at("/fast")).hasSize(1);
          return Future.succeededFuture(receiver.at("/fast").get(0));
        }))
        .compose(fast -> {
          // The slow receiver's first request hangs for the whole 700 ms timeout; the fast one did not wait for it.
          test.verify(() -> assertThat(receiver.at("/slow")).hasSizeLessThanOrEqualTo(1));
          return Eventually.succeeds(vertx, 150, 100, () -> http.get("/api/v1/deliveries?status=failed").send().map(response -> {
            List<JsonObject> failed = response.bodyAsJsonObject().getJsonArray("deliveries").stream().map(JsonObject.class::cast).toList();
            assertThat(failed).extracting(item -> item.getString("subscription")).contains("reject", "slow");
            return failed;
          }));
        })
        .compose(failed -> http.get("/metrics").send().map(metrics -> {
          // Every outcome is counted per receiver type.
          test.verify(() -> assertThat(metrics.bodyAsString())
              .containsPattern("vigil_deliveries_total\\{[^}]*outcome=\"dead_lettered\"[^}]*receiver=\"webhook\"")
              .containsPattern("vigil_deliveries_total\\{[^}]*outcome=\"sent\"[^}]*receiver=\"webhook\"")
              .containsPattern("vigil_deliveries_total\\{[^}]*outcome=\"retried\"[^}]*receiver=\"webhook\""));
          return failed;
        }))
        .onComplete(test.succeeding(failed -> test.verify(() -> {
          JsonObject rejected = failed.stream().filter(item -> item.getString("subscription").equals("reject")).findFirst().orElseThrow();
          assertThat(rejected.getString("reason")).contains("HTTP 410");
          assertThat(rejected.getInteger("attempts")).isEqualTo(1);
          assertThat(rejected.encode()).doesNotContain("hush-reject");
          assertThat(receiver.at("/reject")).hasSize(1);
          JsonObject slow = failed.stream().filter(item -> item.getString("subscription").equals("slow")).findFirst().orElseThrow();
          assertThat(slow.getString("reason")).contains("gave up");
          assertThat(receiver.at("/slow")).hasSizeGreaterThan(1);
          assertThat(receiver.at("/slow")).extracting(ReceiverStub.Received::deliveryId).containsOnly(receiver.at("/slow").get(0).deliveryId());
          test.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void aSilencedAlertIsListedAsSilencedAndNotifiedWhenTheSilenceIsExpired(Vertx vertx, VertxTestContext test) {
    WebClient http = http(vertx, engine);
    JsonObject silence = new JsonObject()
        .put("matchers", new JsonArray().add("service=hushed-svc"))
        .put("endsAt", java.time.Instant.now().plusSeconds(3600).toString()).put("comment", "deploy").put("author", "ops");
    String[] silenceId = new String[1];
    subscribe(http, webhookSubscription("hushed", "hushed-svc", receiver.url("/hushed")))
        .compose(created -> authorized(http.post("/api/v1/silences")).sendJsonObject(silence))
        .compose(created -> {
          silenceId[0] = created.bodyAsJsonObject().getString("id");
          return produceAnomaly(vertx, engine, "hushed-svc", "CPUUtilization");
        })
        .compose(produced -> Eventually.succeeds(vertx, 100, 100, () -> http.get("/api/v1/alerts?state=silenced").send().map(response -> {
          assertThat(response.bodyAsJsonObject().getJsonArray("alerts")).isNotEmpty();
          return response;
        })))
        .compose(silenced -> vertx.timer(1000))
        .compose(waited -> {
          test.verify(() -> assertThat(receiver.at("/hushed")).as("nothing while silenced").isEmpty());
          return authorized(http.delete("/api/v1/silences/" + silenceId[0])).send();
        })
        .compose(expired -> {
          test.verify(() -> assertThat(expired.bodyAsJsonObject().getString("state")).isEqualTo("expired"));
          return Eventually.succeeds(vertx, 100, 100, () -> {
            assertThat(receiver.at("/hushed")).hasSize(1);
            return Future.succeededFuture(receiver.at("/hushed").get(0));
          });
        })
        .onComplete(test.succeeding(notified -> test.verify(() -> {
          assertThat(notified.json().getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").getString("service")).isEqualTo("hushed-svc");
          test.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void silencesAreValidatedStoredAndListed(Vertx vertx, VertxTestContext test) {
    WebClient http = http(vertx, engine);
    JsonObject silence = new JsonObject()
        .put("matchers", new JsonArray().add(new JsonObject().put("name", "service").put("value", "quiet-svc")))
        .put("endsAt", java.time.Instant.now().plusSeconds(3600).toString()).put("comment", "maintenance").put("author", "ops");
    authorized(http.post("/api/v1/silences")).sendJsonObject(silence.copy().put("endsAt", "tomorrow")).compose(bad -> {
      test.verify(() -> {
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("endsAt");
      });
      return authorized(http.post("/api/v1/silences")).sendJsonObject(silence);
    }).compose(created -> {
      test.verify(() -> assertThat(created.statusCode()).isEqualTo(201));
      return http.get("/api/v1/silences").send();
    }).onComplete(test.succeeding(list -> test.verify(() -> {
      assertThat(list.bodyAsJsonObject().getJsonArray("silences")).anySatisfy(item ->
          assertThat(((JsonObject) item).getString("state")).isEqualTo("active"));
      test.completeNow();
    })));
  }

}
