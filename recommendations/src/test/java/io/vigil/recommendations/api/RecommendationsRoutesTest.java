package io.vigil.recommendations.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vigil.config.AuthConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read routes over real HTTP: filters, both sort orders, pages, and 400/401/404 naming the field. */
class RecommendationsRoutesTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Vertx vertx;
  private static int port;

  private static JsonObject recommendation(String id, String service, String finding, int priority, double delta) {
    return new JsonObject().put("id", id).put("kind", "rightsize").put("service", service).put("finding", finding).put("priority", priority)
        .put("monthlyCostDelta", delta).put("confidence", 0.9).put("generatedAtMillis", 1L)
        .put("current", new JsonObject().put("cpu", 1024).put("memoryMiB", 2048).put("source", "config"))
        .put("recommended", new JsonObject().put("cpu", 1024).put("memoryMiB", 3072))
        .put("evidence", new JsonObject().put("from", "a").put("to", "b").put("hours", 4).put("kills", new JsonArray().add(new JsonObject())));
  }

  @BeforeAll
  static void serve() {
    vertx = Vertx.vertx();
    RecommendationBoard board = new RecommendationBoard();
    board.put(recommendation("rightsize-a", "worker", "Underprovisioned", 1, 3.24));
    board.put(recommendation("rightsize-b", "api", "Overprovisioned", 3, -40));
    board.put(recommendation("rightsize-c", "web", "Overprovisioned", 4, -2));
    board.put(recommendation("rightsize-d", "batch", "Underprovisioned", 2, 5).put("confidence", 0.3).put("generatedAtMillis", 2L));
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    new RecommendationsRoutes(board, RoutesFixture.config(false), Optional.empty(), (id, action) -> Future.succeededFuture(), RoutesFixture.audit(),
        new AuthConfig("s3cret"), RoutesFixture.http(), Clock.systemUTC()).mount(router, vertx);
    port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> ids(HttpResponse<String> response) {
    return new JsonObject(response.body()).getJsonArray("recommendations").stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }

  @Test
  void listsByPriorityOrSavingsFilteredAndPaged() throws Exception {
    assertThat(ids(get("/api/v1/recommendations"))).containsExactly("rightsize-a", "rightsize-d", "rightsize-b", "rightsize-c");
    assertThat(ids(get("/api/v1/recommendations?sort=savings"))).containsExactly("rightsize-b", "rightsize-c", "rightsize-a", "rightsize-d");
    assertThat(ids(get("/api/v1/recommendations?finding=overprovisioned"))).containsExactly("rightsize-b", "rightsize-c");
    assertThat(ids(get("/api/v1/recommendations?service=web"))).containsExactly("rightsize-c");
    JsonObject first = new JsonObject(get("/api/v1/recommendations?limit=2").body());
    assertThat(first.getString("nextCursor")).isEqualTo("rightsize-d");
    assertThat(first.getJsonArray("recommendations").getJsonObject(0).getJsonObject("evidence").getInteger("kills")).isEqualTo(1);
    JsonObject second = new JsonObject(get("/api/v1/recommendations?limit=2&cursor=rightsize-d").body());
    assertThat(second.getJsonArray("recommendations")).hasSize(2);
    assertThat(second.getValue("nextCursor")).isNull();
  }

  @Test
  void badQueriesAndUnknownIdsNameTheField() throws Exception {
    HttpResponse<String> bad = get("/api/v1/recommendations?sort=cost&finding=great&limit=0");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getJsonArray("details").stream().map(item -> ((JsonObject) item).getString("field")).toList())
        .containsExactly("finding", "sort", "limit");
    HttpResponse<String> missing = get("/api/v1/recommendations/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(missing.body()).getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("id");
    assertThat(get("/api/v1/recommendations?cursor=gone").statusCode()).isEqualTo(400);
  }

  @Test
  void writesNeedTheAdminToken() throws Exception {
    HttpRequest.Builder apply = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/recommendations/rightsize-a/apply"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
    assertThat(HTTP.send(apply.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    HttpResponse<String> allowed = HTTP.send(apply.header("Authorization", "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    assertThat(new JsonObject(allowed.body()).getBoolean("applicable")).isFalse();
  }

  @Test
  void anApplyBelowTheConfidenceFloorIsRefusedWithTheReason() throws Exception {
    HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/recommendations/rightsize-d/apply"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer s3cret").POST(HttpRequest.BodyPublishers.ofString("")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(refused.body()).getString("error")).contains("confidenceFloor");
  }
}
