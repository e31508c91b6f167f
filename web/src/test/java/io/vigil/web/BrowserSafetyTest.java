package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vigil.config.HttpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a page in the user's browser can send, replayed at the HTTP level: a "simple" cross-site
 * POST (text/plain, foreign Origin), a DNS-rebinding page (foreign Host), and the same-origin
 * dashboard, against the core routes and a route an extension adds.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class BrowserSafetyTest {

  /** Stands in for alerting's write routes: mounted as an extension, answers 204 when reached. */
  private static final ApiExtension WRITES = (router, vertx) -> {
    router.post("/api/v1/subscriptions").handler(context -> context.response().setStatusCode(204).end());
    router.post("/api/v1/alerts/:id/ack").handler(context -> context.response().setStatusCode(204).end());
  };

  private static final String SUBSCRIPTION = "{\"name\":\"leak\",\"match\":{},\"receiver\":{\"type\":\"webhook\",\"url\":\"http://evil.example/\"}}";

  /** One request; {@code headers} alternate name and value. */
  private static Future<HttpResponse<Buffer>> send(WebClient http, HttpMethod method, String path, String body, String... headers) {
    HttpRequest<Buffer> request = http.request(method, path);
    for (int i = 0; i < headers.length; i += 2) {
      request.putHeader(headers[i], headers[i + 1]);
    }
    return body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
  }

  private static void assertRefused(HttpResponse<Buffer> response, int status, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("error")).isNotBlank();
    assertThat(body.getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo(field);
  }

  @Test
  void crossSiteSimpleRequestsCannotWrite(Vertx vertx, VertxTestContext test) {
    TestApi.start(vertx, TestApi.loopback(), new TestApi.EmptyReadModel(), List.of(WRITES)).compose(port -> {
      WebClient http = TestApi.client(vertx, port);
      String own = "http://127.0.0.1:" + port;
      List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
      // 0: the attack as found: text/plain and a foreign Origin
      answers.add(send(http, HttpMethod.POST, "/api/v1/subscriptions", SUBSCRIPTION, "Content-Type", "text/plain", "Origin", "http://evil.example"));
      // 1: text/plain from Vigil's own origin: still no JSON, so 415
      answers.add(send(http, HttpMethod.POST, "/api/v1/subscriptions", SUBSCRIPTION, "Content-Type", "text/plain", "Origin", own));
      // 2: a form post without Origin (old browsers, curl): 415 names the header
      answers.add(send(http, HttpMethod.POST, "/api/v1/metrics", "points=1", "Content-Type", "application/x-www-form-urlencoded"));
      // 3: JSON from a foreign origin (only after a preflight Vigil never grants, but refuse anyway)
      answers.add(send(http, HttpMethod.POST, "/api/v1/subscriptions", SUBSCRIPTION, "Content-Type", "application/json", "Origin", "http://evil.example"));
      // 4: an Origin naming another port of this host is another origin
      answers.add(send(http, HttpMethod.POST, "/api/v1/subscriptions", SUBSCRIPTION, "Content-Type", "application/json", "Origin", "http://127.0.0.1:1"));
      // 5: "null" is the Origin of sandboxed frames and file: pages
      answers.add(send(http, HttpMethod.POST, "/api/v1/subscriptions", SUBSCRIPTION, "Content-Type", "application/json", "Origin", "null"));
      // 6: an ack without a body needs no Content-Type, but a foreign Origin still refuses it
      answers.add(send(http, HttpMethod.POST, "/api/v1/alerts/a-1/ack", null, "Origin", "http://evil.example"));
      // 7, 8, 9: the dashboard itself (same origin, JSON), an ack without body, and curl without Origin
      answers.add(send(http, HttpMethod.POST, "/api/v1/subscriptions", SUBSCRIPTION, "Content-Type", "application/json; charset=utf-8", "Origin", own));
      answers.add(send(http, HttpMethod.POST, "/api/v1/alerts/a-1/ack", null, "Origin", own));
      answers.add(send(http, HttpMethod.POST, "/api/v1/subscriptions", SUBSCRIPTION, "Content-Type", "application/json"));
      // 10: a body on the ack makes it a write like the others
      answers.add(send(http, HttpMethod.POST, "/api/v1/alerts/a-1/ack", "x", "Content-Type", "text/plain"));
      return Future.all(answers).map(ignored -> answers.stream().map(Future::result).toList());
    }).onComplete(test.succeeding(answers -> test.verify(() -> {
      assertRefused(answers.get(0), 403, "Origin");
      assertRefused(answers.get(1), 415, "Content-Type");
      assertRefused(answers.get(2), 415, "Content-Type");
      assertRefused(answers.get(3), 403, "Origin");
      assertRefused(answers.get(4), 403, "Origin");
      assertRefused(answers.get(5), 403, "Origin");
      assertRefused(answers.get(6), 403, "Origin");
      assertThat(answers.get(7).statusCode()).as(answers.get(7).bodyAsString()).isEqualTo(204);
      assertThat(answers.get(8).statusCode()).as(answers.get(8).bodyAsString()).isEqualTo(204);
      assertThat(answers.get(9).statusCode()).as(answers.get(9).bodyAsString()).isEqualTo(204);
      assertRefused(answers.get(10), 415, "Content-Type");
      test.completeNow();
    })));
  }

  @Test
  void onLoopbackOnlyLoopbackAndAllowedHostNamesAreAnswered(Vertx vertx, VertxTestContext test) {
    HttpConfig config = new HttpConfig("127.0.0.1", 0, 1 << 20, 10, 10, 300, List.of(), List.of("vigil.internal"));
    TestApi.start(vertx, config, new TestApi.EmptyReadModel(), List.of(WRITES)).compose(port -> {
      WebClient http = TestApi.client(vertx, port);
      List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
      // 0-2: a rebinding page: evil.example now resolves to 127.0.0.1, so its requests carry its own name
      answers.add(send(http, HttpMethod.GET, "/api/v1/series", null, "Host", "evil.example:" + port));
      answers.add(send(http, HttpMethod.GET, "/health", null, "Host", "evil.example:" + port));
      answers.add(send(http, HttpMethod.POST, "/api/v1/subscriptions", SUBSCRIPTION, "Host", "evil.example:" + port,
          "Content-Type", "application/json", "Origin", "http://evil.example:" + port));
      // 3-6: the loopback names and a configured one, any port
      answers.add(send(http, HttpMethod.GET, "/health", null, "Host", "localhost:" + port));
      answers.add(send(http, HttpMethod.GET, "/health", null, "Host", "[::1]:" + port));
      answers.add(send(http, HttpMethod.GET, "/api/v1/series", null, "Host", "VIGIL.internal:9999"));
      answers.add(send(http, HttpMethod.POST, "/api/v1/subscriptions", SUBSCRIPTION, "Host", "vigil.internal:" + port,
          "Content-Type", "application/json", "Origin", "http://vigil.internal:" + port));
      return Future.all(answers).map(ignored -> answers.stream().map(Future::result).toList());
    }).onComplete(test.succeeding(answers -> test.verify(() -> {
      assertRefused(answers.get(0), 403, "Host");
      assertRefused(answers.get(1), 403, "Host");
      assertRefused(answers.get(2), 403, "Host");
      for (int i = 3; i <= 5; i++) {
        assertThat(answers.get(i).statusCode()).as(i + ": " + answers.get(i).bodyAsString()).isEqualTo(200);
      }
      assertThat(answers.get(6).statusCode()).as(answers.get(6).bodyAsString()).isEqualTo(204);
      test.completeNow();
    })));
  }

  @Test
  void allowedOriginsMayWriteAndOnAnExposedHostAForeignHostStillCannot(Vertx vertx, VertxTestContext test) {
    // Bound to every interface: Host is not checked, but an Origin must still name an allowed host.
    HttpConfig config = new HttpConfig("0.0.0.0", 0, 1 << 20, 10, 10, 300, List.of("https://grafana.example.com"), List.of());
    TestApi.start(vertx, config, new TestApi.EmptyReadModel(), List.of(WRITES)).compose(port -> {
      WebClient http = TestApi.client(vertx, port);
      List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
      answers.add(send(http, HttpMethod.GET, "/health", null, "Host", "evil.example:" + port));
      answers.add(send(http, HttpMethod.POST, "/api/v1/subscriptions", SUBSCRIPTION, "Host", "evil.example:" + port,
          "Content-Type", "application/json", "Origin", "http://evil.example:" + port));
      answers.add(send(http, HttpMethod.POST, "/api/v1/subscriptions", SUBSCRIPTION,
          "Content-Type", "application/json", "Origin", "https://GRAFANA.example.com"));
      answers.add(send(http, HttpMethod.POST, "/api/v1/subscriptions", SUBSCRIPTION,
          "Content-Type", "application/json", "Origin", "http://grafana.example.com"));
      return Future.all(answers).map(ignored -> answers.stream().map(Future::result).toList());
    }).onComplete(test.succeeding(answers -> test.verify(() -> {
      assertThat(answers.get(0).statusCode()).isEqualTo(200);
      assertRefused(answers.get(1), 403, "Origin");
      assertThat(answers.get(2).statusCode()).as(answers.get(2).bodyAsString()).isEqualTo(204);
      assertRefused(answers.get(3), 403, "Origin");
      test.completeNow();
    })));
  }
}
