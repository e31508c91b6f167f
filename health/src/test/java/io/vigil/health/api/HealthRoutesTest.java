package io.vigil.health.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vigil.health.ComponentKind;
import io.vigil.health.Evidence;
import io.vigil.health.HealthComponent;
import io.vigil.health.HealthStatus;
import io.vigil.health.ScoreHistory;
import io.vigil.health.ServiceHealth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health endpoints over real HTTP: worst first, 404 naming the service, and fast with 1,000 services. */
class HealthRoutesTest {

  private static final int SERVICES = 1000;
  private Vertx vertx;
  private HttpServer server;
  private WebClient client;
  private final HealthBoard board = new HealthBoard();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    new HealthRoutes(board).mount(router, vertx);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private static ServiceHealth health(String service, int score, long at) {
    List<Integer> history = new ArrayList<>(ScoreHistory.MINUTES);
    for (int i = 0; i < ScoreHistory.MINUTES; i++) {
      history.add(i % 7 == 0 ? null : score);
    }
    List<HealthComponent> components = List.of(
        new HealthComponent(ComponentKind.SATURATION, 30, "memory at 93% (serious from 90%)",
            List.of(new Evidence("s-0123456789abcdef", "AWS/ECS:MemoryUtilization", 93, at, ""))),
        new HealthComponent(ComponentKind.ANOMALIES, 8, "an anomalous series",
            List.of(new Evidence("s-0123456789abcdee", "AWS/ECS:CPUUtilization", 0.95, at, "a-0123456789abcdee-x"))));
    return new ServiceHealth(service, OptionalInt.of(score), score >= 90 ? HealthStatus.HEALTHY : HealthStatus.DEGRADED, components,
        components.get(0).reason(), at, OptionalInt.of(-3), OptionalInt.empty(), at - ScoreHistory.MINUTES * 60_000L, history);
  }

  private Buffer get(String path, int expectedStatus) {
    HttpResponse<Buffer> response = client.get(server.actualPort(), "127.0.0.1", path).send().await();
    assertThat(response.statusCode()).isEqualTo(expectedStatus);
    return response.body();
  }

  @Test
  void listsWorstFirstWithAThousandServicesAndRendersAgainAfterAChange() {
    long now = 1_800_000_000_000L;
    for (int i = 0; i < SERVICES; i++) {
      board.put(health("svc-" + i, 60 + (i * 37) % 41, now));
    }
    board.put(new ServiceHealth("new-svc", OptionalInt.empty(), HealthStatus.UNKNOWN, List.of(), "no data yet for new-svc", now,
        OptionalInt.empty(), OptionalInt.empty(), now, List.of()));

    JsonObject list = new JsonObject(get("/api/v1/health", 200));
    assertThat(list.getInteger("count")).isEqualTo(SERVICES + 1);
    assertThat(list.getJsonArray("services").getJsonObject(0).getString("service")).as("unknown first").isEqualTo("new-svc");
    int previous = -1;
    for (int i = 1; i < list.getJsonArray("services").size(); i++) {
      int score = list.getJsonArray("services").getJsonObject(i).getInteger("score");
      assertThat(score).isGreaterThanOrEqualTo(previous);
      previous = score;
    }

    // A change invalidates the rendered list; the next request renders it again.
    board.put(health("svc-1", 1, now + 1));
    JsonObject changed = new JsonObject(get("/api/v1/health", 200));
    assertThat(changed.getJsonArray("services").getJsonObject(1).getString("service")).as("the worst scored, after unknown").isEqualTo("svc-1");
    long[] millis = new long[21];
    for (int i = 0; i < millis.length; i++) {
      long start = System.nanoTime();
      get("/api/v1/health", 200);
      millis[i] = (System.nanoTime() - start) / 1_000_000;
      board.put(health("svc-2", 50 + i, now + 2 + i)); // every request after a change: the render is timed too
    }
    // Reported, not asserted: speed belongs to measurements, and this machine is shared.
    Arrays.sort(millis);
    System.out.println("GET /api/v1/health with " + SERVICES + " services, each after a change: median " + millis[10] + " ms, max "
        + millis[20] + " ms");
  }

  @Test
  void oneServiceHasItsEvidenceAndAnUnknownOneIsA404NamingIt() {
    board.put(health("api", 62, 1_800_000_000_000L));
    JsonObject api = new JsonObject(get("/api/v1/health/api", 200));
    assertThat(api.getJsonArray("components").getJsonObject(0).getJsonArray("evidence").getJsonObject(0).getString("seriesId"))
        .isEqualTo("s-0123456789abcdef");
    assertThat(api.getJsonObject("history").getJsonArray("scores")).hasSize(ScoreHistory.MINUTES);

    JsonObject missing = new JsonObject(get("/api/v1/health/payments", 404));
    assertThat(missing.getString("error")).contains("payments");
    assertThat(missing.getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("service");
  }
}
