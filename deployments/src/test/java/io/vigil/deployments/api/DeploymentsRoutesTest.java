package io.vigil.deployments.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vigil.config.AuthConfig;
import io.vigil.config.HttpConfig;
import io.vigil.model.DeploymentEvent;
import io.vigil.testing.ManualClock;
import io.vigil.web.AuditTrail;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routes over real HTTP: announcements become events (202), bad ones 400 naming each field, reads filter and page. */
class DeploymentsRoutesTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long NOW = 1_780_000_000_000L;
  private static final List<DeploymentEvent> PUBLISHED = new CopyOnWriteArrayList<>();
  private static final List<JsonObject> AUDITED = new CopyOnWriteArrayList<>();
  private static Vertx vertx;
  private static int port;

  private static JsonObject deployment(String id, String service, String status, long startedAtMillis) {
    return new JsonObject().put("id", id).put("service", service).put("status", status).put("phase", "monitoring")
        .put("startedAtMillis", startedAtMillis).put("updatedAtMillis", 1L).put("events", new JsonArray().add(new JsonObject()))
        .put("verdict", new JsonObject().put("result", status).put("score", 62.5).put("reasons", new JsonArray().add("TargetResponseTime rose"))
            .put("metrics", new JsonArray().add(new JsonObject().put("metric", "TargetResponseTime"))).put("window", "verification"))
        .put("snapshot", new JsonObject().put("taskDefinition", "arn:aws:ecs:us-east-1:1:task-definition/" + service + ":1"));
  }

  @BeforeAll
  static void serve() {
    vertx = Vertx.vertx();
    DeploymentBoard board = new DeploymentBoard();
    board.put(deployment("d1", "api", "fail", NOW - 3_000));
    board.put(deployment("d2", "api", "pass", NOW - 2_000));
    board.put(deployment("d3", "web", "pass", NOW - 1_000));
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    AuditTrail audit = new AuditTrail((key, record, requestId) -> {
      AUDITED.add(record);
      return Future.succeededFuture();
    }, new ManualClock(NOW), true);
    new DeploymentsRoutes(board, event -> {
      PUBLISHED.add(event);
      return Future.succeededFuture();
    }, audit, new AuthConfig("s3cret"), new HttpConfig("127.0.0.1", 0, 1 << 20, 10, 10, 10), new ManualClock(NOW)).mount(router, vertx);
    port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @BeforeEach
  void forget() {
    PUBLISHED.clear();
    AUDITED.clear();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body, boolean withToken) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (withToken) {
      request.header("Authorization", "Bearer s3cret");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> fields(HttpResponse<String> response) {
    return new JsonObject(response.body()).getJsonArray("details").stream().map(item -> ((JsonObject) item).getString("field")).toList();
  }

  @Test
  void anAnnouncementIsAStartedEventAndACompletedOneWhenItSaysSo() throws Exception {
    HttpResponse<String> accepted = post("/api/v1/deployments", new JsonObject().put("service", "api").put("version", "api:43")
        .put("startedAt", "2026-05-28T20:00:00Z").put("completedAt", "2026-05-28T20:03:00Z").put("commit", "9f1c2d").put("by", "ci").encode(), true);

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = new JsonObject(accepted.body()).getString("id");
    assertThat(id).startsWith("dep-");
    assertThat(PUBLISHED).extracting(DeploymentEvent::kind).containsExactly(DeploymentEvent.Kind.STARTED, DeploymentEvent.Kind.COMPLETED);
    DeploymentEvent started = PUBLISHED.get(0);
    assertThat(started.deploymentId()).isEqualTo(id);
    assertThat(started.service()).isEqualTo("api");
    assertThat(started.source()).isEqualTo("api");
    assertThat(started.version()).isEqualTo("api:43");
    assertThat(started.commit()).isEqualTo("9f1c2d");
    assertThat(started.timestampMillis()).isEqualTo(java.time.Instant.parse("2026-05-28T20:00:00Z").toEpochMilli());
    assertThat(AUDITED).singleElement().satisfies(record -> assertThat(record.getString("object")).isEqualTo("deployments/" + id));

    HttpResponse<String> withId = post("/api/v1/deployments", "{\"service\":\"web\",\"id\":\"release-7\"}", true);
    assertThat(new JsonObject(withId.body()).getString("id")).isEqualTo("release-7");
    assertThat(PUBLISHED.get(2).timestampMillis()).isEqualTo(NOW);
  }

  @Test
  void badAnnouncementsNameEveryBadField() throws Exception {
    HttpResponse<String> bad = post("/api/v1/deployments",
        "{\"version\":7,\"startedAt\":\"yesterday\",\"id\":\"has space\",\"colour\":\"red\"}", true);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(fields(bad)).containsExactlyInAnyOrder("colour", "id", "service", "version", "startedAt");
    HttpResponse<String> backwards = post("/api/v1/deployments",
        "{\"service\":\"api\",\"startedAt\":\"2026-05-28T20:00:00Z\",\"completedAt\":\"2026-05-28T19:00:00Z\"}", true);
    assertThat(fields(backwards)).containsExactly("completedAt");
    HttpResponse<String> future = post("/api/v1/deployments", "{\"service\":\"api\",\"startedAt\":" + (NOW + 3_600_000) + "}", true);
    assertThat(fields(future)).containsExactly("startedAt");
    assertThat(fields(post("/api/v1/deployments", "[1]", true))).containsExactly("body");
    assertThat(PUBLISHED).isEmpty();
  }

  @Test
  void writesNeedTheAdminToken() throws Exception {
    assertThat(post("/api/v1/deployments", "{\"service\":\"api\"}", false).statusCode()).isEqualTo(401);
    assertThat(post("/api/v1/deployments/d1/events", "{\"kind\":\"completed\"}", false).statusCode()).isEqualTo(401);
    assertThat(PUBLISHED).isEmpty();
  }

  @Test
  void laterEventsOfAKnownDeploymentTakeItsService() throws Exception {
    HttpResponse<String> completed = post("/api/v1/deployments/d1/events", "{\"kind\":\"failed\",\"reason\":\"smoke test failed\"}", true);
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(202);
    assertThat(PUBLISHED).singleElement().satisfies(event -> {
      assertThat(event.service()).isEqualTo("api");
      assertThat(event.kind()).isEqualTo(DeploymentEvent.Kind.FAILED);
      assertThat(event.reason()).isEqualTo("smoke test failed");
    });
    assertThat(fields(post("/api/v1/deployments/d1/events", "{\"kind\":\"exploded\"}", true))).containsExactly("kind");
    HttpResponse<String> unknown = post("/api/v1/deployments/nope/events", "{\"kind\":\"completed\"}", true);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(fields(unknown)).containsExactly("id");
  }

  @Test
  void listsNewestFirstFilteredAndPagedWithoutEvidence() throws Exception {
    JsonObject all = new JsonObject(get("/api/v1/deployments").body());
    assertThat(all.getJsonArray("deployments").stream().map(item -> ((JsonObject) item).getString("id")).toList()).containsExactly("d3", "d2", "d1");
    JsonObject item = all.getJsonArray("deployments").getJsonObject(2);
    assertThat(item.getJsonObject("verdict").getString("result")).isEqualTo("fail");
    assertThat(item.getJsonObject("verdict").getString("reason")).isEqualTo("TargetResponseTime rose");
    assertThat(item.getJsonObject("verdict").containsKey("metrics")).isFalse();
    assertThat(item.containsKey("events")).isFalse();

    JsonObject api = new JsonObject(get("/api/v1/deployments?service=api&status=fail").body());
    assertThat(api.getInteger("total")).isEqualTo(1);
    JsonObject page = new JsonObject(get("/api/v1/deployments?limit=2").body());
    assertThat(page.getString("nextCursor")).isEqualTo("d2");
    JsonObject rest = new JsonObject(get("/api/v1/deployments?limit=2&cursor=d2").body());
    assertThat(rest.getJsonArray("deployments")).hasSize(1);
    assertThat(rest.getValue("nextCursor")).isNull();

    HttpResponse<String> bad = get("/api/v1/deployments?status=broken&limit=0");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(fields(bad)).containsExactly("status", "limit");
  }

  @Test
  void oneDeploymentCarriesItsEvidenceAndSnapshot() throws Exception {
    JsonObject one = new JsonObject(get("/api/v1/deployments/d1").body());
    assertThat(one.getJsonObject("verdict").getJsonArray("metrics").getJsonObject(0).getString("metric")).isEqualTo("TargetResponseTime");
    assertThat(one.getJsonArray("events")).hasSize(1);
    JsonObject snapshot = new JsonObject(get("/api/v1/deployments/d1/snapshot").body());
    assertThat(snapshot.getString("taskDefinition")).endsWith("api:1");
    HttpResponse<String> missing = get("/api/v1/deployments/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(fields(missing)).containsExactly("id");
    assertThat(get("/api/v1/deployments/nope/snapshot").statusCode()).isEqualTo(404);
  }
}
