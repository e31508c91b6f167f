package io.vigil.health.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import io.vigil.health.Evidence;
import io.vigil.health.SignalKind;
import io.vigil.health.insight.Insight;
import io.vigil.health.insight.InsightMember;
import io.vigil.health.insight.InsightStatus;
import io.vigil.health.insight.ProbableCause;
import io.vigil.model.Severity;
import io.vigil.testing.OpenApiPaths;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The insights API over real HTTP on loopback: filters, validation that names the field, the detail, and its documentation. */
class InsightRoutesTest {

  private final Vertx vertx = Vertx.vertx();
  private final InsightBoard board = new InsightBoard();
  private HttpServer server;
  private WebClient client;

  private static Insight insight(String id, String service, InsightStatus status, long start) {
    InsightMember member = new InsightMember("s-1", service, "AWS/ECS:MemoryUtilization", SignalKind.MEMORY, "saturation", start, start + 60_000,
        93, List.of("a-1"), Optional.empty());
    ProbableCause cause = new ProbableCause("memory-saturation", "memory near its limit", 0.75,
        List.of(new Evidence("s-1", "AWS/ECS:MemoryUtilization", 93, start, "a-1")));
    return new Insight(id, service, status, Severity.WARNING, start, status == InsightStatus.CLOSED ? OptionalLong.of(start + 600_000) : OptionalLong.empty(),
        start + 60_000, 80, "memory at 93%", List.of(service, "demo-db"), List.of("AWS/ECS:MemoryUtilization"), List.of(member), List.of(cause));
  }

  @BeforeEach
  void start() {
    Router router = Router.router(vertx);
    new InsightRoutes(board).mount(router, vertx);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    client = WebClient.create(vertx);
    board.put(insight("in-a", "worker", InsightStatus.CLOSED, 1_000));
    board.put(insight("in-b", "worker", InsightStatus.OPEN, 2_000));
    board.put(insight("in-c", "api", InsightStatus.OPEN, 3_000));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private HttpResponse<Buffer> get(String uri) {
    return client.get(server.actualPort(), "127.0.0.1", uri).send().await();
  }

  @Test
  void listsFilterByStatusAndServiceOpenFirstThenNewest() {
    assertThat(get("/api/v1/insights").bodyAsJsonObject().getJsonArray("insights").stream().map(item -> ((JsonObject) item).getString("id")))
        .containsExactly("in-c", "in-b", "in-a");
    assertThat(get("/api/v1/insights?status=closed").bodyAsJsonObject().getInteger("count")).isEqualTo(1);
    assertThat(get("/api/v1/insights?service=worker&status=open").bodyAsJsonObject().getJsonArray("insights").getJsonObject(0).getString("id"))
        .isEqualTo("in-b");
    assertThat(get("/api/v1/insights?service=demo-db").bodyAsJsonObject().getInteger("count")).as("an affected dependency").isEqualTo(3);
    JsonObject summary = get("/api/v1/insights?limit=1").bodyAsJsonObject().getJsonArray("insights").getJsonObject(0);
    assertThat(summary.containsKey("timeline")).isFalse();
    assertThat(summary.getJsonArray("causes").getJsonObject(0).getJsonArray("evidence")).isEmpty();
  }

  @Test
  void badQueriesNameTheFieldAndUnknownIdsAre404() {
    HttpResponse<Buffer> status = get("/api/v1/insights?status=resolved");
    assertThat(status.statusCode()).isEqualTo(400);
    assertThat(status.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("status");
    HttpResponse<Buffer> limit = get("/api/v1/insights?limit=0");
    assertThat(limit.statusCode()).isEqualTo(400);
    assertThat(limit.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("limit");
    assertThat(get("/api/v1/insights?limit=x").statusCode()).isEqualTo(400);
    HttpResponse<Buffer> missing = get("/api/v1/insights/in-zzz");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("id");
  }

  @Test
  void theDetailHasTheTimelineAndTheCausesEvidence() {
    JsonObject detail = get("/api/v1/insights/in-b").bodyAsJsonObject();
    assertThat(Insight.fromJson(detail)).isEqualTo(board.get("in-b").orElseThrow());
    assertThat(detail.getJsonArray("causes").getJsonObject(0).getJsonArray("evidence").getJsonObject(0).getString("seriesId")).isEqualTo("s-1");
  }

  @Test
  void anOlderFormOfAnInsightDoesNotReplaceANewerOne() {
    Insight newer = insight("in-d", "web", InsightStatus.CLOSED, 5_000);
    board.put(newer);
    assertThat(board.put(insight("in-d", "web", InsightStatus.OPEN, 4_000))).isFalse();
    assertThat(board.get("in-d")).contains(newer);
  }

  @Test
  void closedInsightsAreBoundedKeepingTheNewest() {
    InsightBoard bounded = new InsightBoard();
    for (int i = 0; i < InsightBoard.MAX_CLOSED + InsightBoard.TRIM_BATCH + 50; i++) {
      bounded.put(insight("in-" + i, "svc", InsightStatus.CLOSED, i * 1000L));
    }
    List<Insight> kept = bounded.list(Optional.of(InsightStatus.CLOSED), "", InsightRoutes.MAX_LIMIT);
    assertThat(bounded.list(Optional.empty(), "", Integer.MAX_VALUE)).hasSizeLessThanOrEqualTo(InsightBoard.MAX_CLOSED + InsightBoard.TRIM_BATCH);
    assertThat(kept.get(0).id()).as("the newest").isEqualTo("in-" + (InsightBoard.MAX_CLOSED + InsightBoard.TRIM_BATCH + 49));
    assertThat(bounded.get("in-0")).as("the oldest let go").isEmpty();
  }

  @Test
  void everyInsightRouteIsInTheOpenApiDocument() {
    Router router = Router.router(vertx);
    new InsightRoutes(board).mount(router, vertx);
    assertThat(OpenApiPaths.routed(router)).containsExactlyInAnyOrder("/api/v1/insights", "/api/v1/insights/{id}");
    assertThat(OpenApiPaths.documented()).containsAll(OpenApiPaths.routed(router));
  }
}
