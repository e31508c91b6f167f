package io.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vigil.config.AuthConfig;
import io.vigil.config.HttpConfig;
import io.vigil.alerting.notify.DeliveryResult;
import io.vigil.alerting.notify.HttpReceiver;
import io.vigil.alerting.notify.RetryPolicy;
import io.vigil.testing.ReceiverStub;
import io.vigil.web.ApiVerticle;
import io.vigil.web.AuditTrail;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HTTP receivers against a loopback server (Slack body, redirects not followed, SSRF refusal), retry timing, and auth without a token. */
@ExtendWith(VertxExtension.class)
class ReceiversAndAuthTest {

  private static Notification notification(String type, String url) {
    JsonObject receiver = new JsonObject().put("type", type).put("url", url);
    String payload = new JsonObject().put("version", "1").put("groupKey", "ops:{}").put("status", "firing")
        .put("alerts", new io.vertx.core.json.JsonArray().add(new JsonObject().put("status", "firing").put("fingerprint", "f")
            .put("annotations", new JsonObject().put("summary", "CPU of api is anomalous")))).encode();
    return new Notification("d-1", "ops", receiver, "ops:{}", "firing", 0, payload);
  }

  @Test
  void slackGetsTextRedirectsAreNotFollowedAndPrivateHostsAreRefused(Vertx vertx, VertxTestContext test) {
    ReceiverStub stub = new ReceiverStub();
    stub.answer("/redirect", () -> 302);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    HttpReceiver allowing = new HttpReceiver(client, new ReceiverUrlGuard(vertx, true), 1000, java.time.Clock.systemUTC());
    HttpReceiver refusing = new HttpReceiver(client, new ReceiverUrlGuard(vertx, false), 1000, java.time.Clock.systemUTC());
    stub.start(vertx)
        .compose(started -> allowing.send(notification("slack", stub.url("/slack"))))
        .compose(slack -> {
          test.verify(() -> {
            assertThat(slack.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
            assertThat(stub.at("/slack").get(0).json().getString("text")).contains("FIRING").contains("CPU of api is anomalous");
            assertThat(stub.at("/slack").get(0).signature()).isNull();
          });
          return allowing.send(notification("webhook", stub.url("/redirect")));
        })
        .compose(redirect -> {
          test.verify(() -> {
            assertThat(redirect.outcome()).isEqualTo(DeliveryResult.Outcome.PERMANENT);
            assertThat(redirect.reason()).contains("redirect");
          });
          return refusing.send(notification("webhook", stub.url("/private")));
        })
        .compose(refused -> {
          test.verify(() -> {
            assertThat(refused.outcome()).isEqualTo(DeliveryResult.Outcome.PERMANENT);
            assertThat(stub.at("/private")).isEmpty();
          });
          ReceiverUrlGuard guard = new ReceiverUrlGuard(vertx, false);
          return Future.all(guard.problemWith("http://169.254.169.254/latest/meta-data"), guard.problemWith("http://localhost:8080/"),
              guard.problemWith("http://[::1]/"), guard.problemWith("http://10.0.0.8/hook"));
        })
        .onComplete(test.succeeding(problems -> test.verify(() -> {
          for (int i = 0; i < 4; i++) {
            assertThat(problems.<String>resultAt(i)).contains("allowPrivateReceivers");
          }
          test.completeNow();
        })));
  }

  @Test
  void aDeliveryConnectsToTheAddressTheGuardCheckedNotToAFreshLookup(Vertx vertx, VertxTestContext test) {
    ReceiverStub stub = new ReceiverStub();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    // Only the guard's resolver knows this name (.invalid never resolves in DNS): a delivery that
    // looked the host up again, as a rebinding attack needs, could not connect at all.
    List<String> lookups = new CopyOnWriteArrayList<>();
    ReceiverUrlGuard.Resolver resolver = host -> {
      lookups.add(host);
      if (host.equals("receiver.invalid")) {
        return new InetAddress[] {InetAddress.getLoopbackAddress()};
      }
      throw new UnknownHostException(host);
    };
    HttpReceiver pinned = new HttpReceiver(client, new ReceiverUrlGuard(vertx, true, resolver), 1000, java.time.Clock.systemUTC());
    stub.start(vertx)
        .compose(started -> pinned.send(notification("webhook", "http://receiver.invalid:" + stub.port() + "/pinned")))
        .compose(result -> {
          test.verify(() -> {
            assertThat(result.outcome()).as(result.reason()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
            assertThat(stub.at("/pinned")).singleElement()
                .satisfies(received -> assertThat(received.host()).isEqualTo("receiver.invalid:" + stub.port()));
            assertThat(lookups).containsExactly("receiver.invalid");
          });
          return pinned.send(notification("webhook", "http://unknown.invalid:" + stub.port() + "/unknown"));
        })
        .onComplete(test.succeeding(unresolved -> test.verify(() -> {
          // A host that does not resolve may resolve again soon: retried, not dead-lettered.
          assertThat(unresolved.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
          assertThat(unresolved.reason()).contains("does not resolve");
          test.completeNow();
        })));
  }

  @Test
  void aPinnedHttpsDeliveryStillVerifiesTheCertificateAndSendsTheServerNameOfTheUrl(Vertx vertx, VertxTestContext test) {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("receiver.invalid");
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
            .setKeyCertOptions(certificate.keyCertOptions()))
        .requestHandler(request -> request.body().onSuccess(body -> {
          seen.add(request.connection().indicatedServerName() + " " + request.getHeader("Host"));
          request.response().setStatusCode(204).end();
        }));
    // Host names are verified (the default): connecting to 127.0.0.1 passes only if the name
    // checked against the certificate is the URL's host, not the pinned address.
    WebClient client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
        .setTrustOptions(certificate.trustOptions()));
    ReceiverUrlGuard.Resolver resolver = host -> new InetAddress[] {InetAddress.getLoopbackAddress()};
    HttpReceiver pinned = new HttpReceiver(client, new ReceiverUrlGuard(vertx, true, resolver), 2000, java.time.Clock.systemUTC());
    server.listen(0, "127.0.0.1")
        .compose(bound -> pinned.send(notification("webhook", "https://receiver.invalid:" + bound.actualPort() + "/tls")))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          assertThat(result.outcome()).as(result.reason()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
          assertThat(seen).singleElement().asString().startsWith("receiver.invalid receiver.invalid:");
          test.completeNow();
        })));
  }

  @Test
  void failureReasonsDoNotCarryTheSecretPartOfAUrl() {
    String reason = HttpReceiver.scrub("timeout while executing POST /services/T1/B2/XYZ?token=abc for server", "https://hooks.slack.com/services/T1/B2/XYZ?token=abc");
    assertThat(reason).doesNotContain("XYZ").doesNotContain("abc").contains("timeout");
  }

  @Test
  void httpStatusesAreClassifiedAndBackoffGrowsWithJitterWithinTheMaximumAge() {
    assertThat(DeliveryResult.ofHttpStatus(204).outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
    for (int status : new int[] {408, 429, 500, 503}) {
      assertThat(DeliveryResult.ofHttpStatus(status).outcome()).as("%d", status).isEqualTo(DeliveryResult.Outcome.RETRY);
    }
    for (int status : new int[] {400, 401, 404, 410, 301}) {
      assertThat(DeliveryResult.ofHttpStatus(status).outcome()).as("%d", status).isEqualTo(DeliveryResult.Outcome.PERMANENT);
    }
    RetryPolicy policy = new RetryPolicy(100, 1000, 5000, new Random(7));
    assertThat(policy.delayMillis(1)).isBetween(50L, 100L);
    assertThat(policy.delayMillis(3)).isBetween(200L, 400L);
    assertThat(policy.delayMillis(30)).isBetween(500L, 1000L);
    assertThat(policy.withinAge(0, 5000)).isTrue();
    assertThat(policy.withinAge(0, 5001)).isFalse();
  }

  @Test
  void withoutATokenWritesAreRefusedOnANonLoopbackHostAndAllowedOnLoopback(Vertx vertx, VertxTestContext test) {
    HttpConfig exposed = new HttpConfig("0.0.0.0", 0, 1 << 20, 10, 10, 10);
    HttpConfig local = new HttpConfig("127.0.0.1", 0, 1 << 20, 10, 10, 10);
    List<JsonObject> audited = new CopyOnWriteArrayList<>();
    AuditTrail audit = new AuditTrail((key, record, requestId) -> {
      audited.add(record);
      return Future.succeededFuture();
    }, Clock.systemUTC(), false);
    assertThat(new AlertingRoutes(new AuthConfig(""), exposed, audit).describeAuth()).contains("DISABLED");
    assertThat(new AlertingRoutes(new AuthConfig(""), local, audit).describeAuth()).contains("loopback");
    Router exposedRouter = Router.router(vertx);
    exposedRouter.route().handler(BodyHandler.create());
    new AlertingRoutes(new AuthConfig(""), exposed, audit).mount(exposedRouter, vertx);
    Router localRouter = Router.router(vertx);
    localRouter.route().handler(BodyHandler.create());
    new AlertingRoutes(new AuthConfig(""), local, audit).mount(localRouter, vertx);
    // Stand in for the alerting verticle: answer every request with 201.
    vertx.eventBus().<JsonObject>localConsumer(io.vigil.model.Addresses.ALERTING_API, message -> message.reply(new JsonObject().put("status", 201).put("body", new JsonObject())));
    WebClient client = WebClient.create(vertx);
    Future.all(vertx.createHttpServer().requestHandler(exposedRouter).listen(0, "127.0.0.1"),
            vertx.createHttpServer().requestHandler(localRouter).listen(0, "127.0.0.1"))
        .compose(servers -> {
          int exposedPort = servers.<io.vertx.core.http.HttpServer>resultAt(0).actualPort();
          int localPort = servers.<io.vertx.core.http.HttpServer>resultAt(1).actualPort();
          return Future.all(
              client.post(exposedPort, "127.0.0.1", "/api/v1/silences").sendJsonObject(new JsonObject()),
              client.post(localPort, "127.0.0.1", "/api/v1/silences").sendJsonObject(new JsonObject()),
              client.get(exposedPort, "127.0.0.1", "/api/v1/silences").send());
        })
        .onComplete(test.succeeding(responses -> test.verify(() -> {
          assertThat(responses.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(0).statusCode()).isEqualTo(403);
          assertThat(responses.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(1).statusCode()).isEqualTo(201);
          assertThat(responses.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(2).statusCode()).isEqualTo(201);
          // Only the write that went through is audited, by a loopback actor.
          assertThat(audited).hasSize(1);
          assertThat(audited.get(0).getString("method")).isEqualTo("POST");
          assertThat(audited.get(0).getString("actor")).startsWith("loopback:");
          test.completeNow();
        })));
  }

  /** The cross-site writes as found on a loopback engine without a token, through the real API and alerting routes. */
  @Test
  void crossSiteWritesAndDuplicateKeysNeverReachAlerting(Vertx vertx, VertxTestContext test) {
    HttpConfig local = new HttpConfig("127.0.0.1", 0, 1 << 20, 10, 10, 10);
    AtomicInteger reached = new AtomicInteger();
    vertx.eventBus().<JsonObject>localConsumer(io.vigil.model.Addresses.ALERTING_API, message -> {
      // Writes only: the audit trail reads the object before and after each write.
      if (!message.body().getString("action").endsWith(".get")) {
        reached.incrementAndGet();
      }
      message.reply(new JsonObject().put("status", 201).put("body", new JsonObject()));
    });
    ApiVerticle api = new ApiVerticle(local, null, null,
        HealthChecks.create(vertx), HealthChecks.create(vertx),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        Clock.systemUTC(), List.of(new AlertingRoutes(new AuthConfig(""), local, new AuditTrail((key, record, requestId) -> Future.succeededFuture(), Clock.systemUTC(), false))));
    String leak = "{\"name\":\"leak\",\"match\":{},\"receiver\":{\"type\":\"webhook\",\"url\":\"http://evil.example/\"}}";
    String muteAll = "{\"matchers\":[\"service=~.+\"],\"endsAt\":\"2099-01-01T00:00:00Z\",\"comment\":\"x\",\"author\":\"x\"}";
    vertx.deployVerticle(api).compose(deployed -> {
      WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(api.actualPort()));
      return Future.all(List.of(
          client.post("/api/v1/subscriptions").putHeader("Content-Type", "text/plain").putHeader("Origin", "http://evil.example").sendBuffer(Buffer.buffer(leak)),
          client.post("/api/v1/silences").putHeader("Content-Type", "text/plain").putHeader("Origin", "http://evil.example").sendBuffer(Buffer.buffer(muteAll)),
          client.post("/api/v1/silences").putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(muteAll)),
          client.post("/api/v1/subscriptions").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"name\":\"a\",\"name\":\"b\"}")),
          client.post("/api/v1/alerts/al-1/ack").send()));
    }).onComplete(test.succeeding(responses -> test.verify(() -> {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < responses.size(); i++) {
        statuses.add(responses.<HttpResponse<?>>resultAt(i).statusCode());
      }
      assertThat(statuses).containsExactly(403, 403, 415, 400, 201);
      assertThat(responses.<HttpResponse<Buffer>>resultAt(3).bodyAsJsonObject()
          .getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("name");
      assertThat(reached.get()).as("requests that reached alerting").isEqualTo(1);
      test.completeNow();
    })));
  }
}
