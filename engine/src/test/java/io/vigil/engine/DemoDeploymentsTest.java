package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vigil.ingest.demo.DemoWorkload;
import io.vigil.testing.Eventually;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the demo running, the deploy before its latency regression shows as a deployment of api
 * with a fail verdict naming TargetResponseTime, with its evidence; being backfilled it is history,
 * so nothing pages. A deployment of worker announced over the API, with nothing changing, passes.
 * The engine's clock is set 25 minutes after a regression began (the demo's incidents are a
 * function of the seed and the clock), so the backfill always holds one.
 */
@ExtendWith(VertxExtension.class)
class DemoDeploymentsTest {

  @TempDir
  Path dataDir;

  /** The start of the first latency regression from 2026-12-01 on, in the demo with seed 42. */
  static long aLatencyRegression() {
    DemoWorkload workload = new DemoWorkload(42, 30_000);
    long from = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    for (long t = from; ; t += 40 * 60_000L) {
      DemoWorkload.ScheduledIncident incident = workload.incidentAt(t);
      if (incident.kind() == DemoWorkload.Incident.LATENCY_REGRESSION) {
        return incident.startMillis();
      }
    }
  }

  private static Future<JsonObject> deployment(Vertx vertx, WebClient http, String query, String status) {
    return Eventually.succeeds(vertx, 300, 200, () -> http.get("/api/v1/deployments" + query).send().compose(response -> {
      JsonArray items = response.bodyAsJsonObject().getJsonArray("deployments");
      for (int i = 0; i < items.size(); i++) {
        if (status.equals(items.getJsonObject(i).getString("status"))) {
          return http.get("/api/v1/deployments/" + items.getJsonObject(i).getString("id")).send().map(HttpResponse::bodyAsJsonObject);
        }
      }
      return Future.failedFuture("no " + status + " deployment yet: " + items.encode());
    }));
  }

  @Test
  void theDemosDeployFailsNamingTargetResponseTimeAndANeutralAnnouncedOnePasses(Vertx vertx) {
    long regression = aLatencyRegression();
    Instant now = Instant.ofEpochMilli(regression).plus(Duration.ofMinutes(25));
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now));
    try (VigilEngine engine = VigilEngine.start(TestEngines.config(dataDir, "demo.enabled=true", "demo.intervalSeconds=30",
        "demo.backfillMinutes=90", "alerting.enabled=false", "deployments.checkpointIntervalSeconds=1"), clock)) {
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      HttpResponse<Buffer> announced = http.post("/api/v1/deployments").sendJsonObject(new JsonObject().put("service", "worker")
          .put("version", "worker:8").put("startedAt", now.minus(Duration.ofMinutes(20)).toString())
          .put("completedAt", now.minus(Duration.ofMinutes(18)).toString()).put("commit", "4be1f00").put("by", "ci")).await();
      assertThat(announced.statusCode()).as(announced.bodyAsString()).isEqualTo(202);

      JsonObject failed = deployment(vertx, http, "?service=api", "fail").await();
      assertThat(failed.getString("version")).isEqualTo("api:42");
      assertThat(failed.getString("source")).isEqualTo("demo");
      assertThat(failed.getBoolean("history")).isTrue();
      assertThat(failed.getJsonArray("actions")).isEmpty();
      JsonObject verdict = failed.getJsonObject("verdict");
      assertThat(verdict.getJsonArray("reasons").getString(0)).startsWith("TargetResponseTime rose");
      JsonObject latency = verdict.getJsonArray("metrics").stream().map(JsonObject.class::cast)
          .filter(metric -> metric.getString("metric").equals("TargetResponseTime")).findFirst().orElseThrow();
      assertThat(latency.getString("outcome")).isEqualTo("worse");
      assertThat(latency.getJsonObject("after").getDouble("median")).isGreaterThan(latency.getJsonObject("baseline").getDouble("median") + 0.3);
      assertThat(latency.getDouble("pValue")).isLessThan(0.001);
      assertThat(failed.getJsonArray("phases").getJsonObject(2).getString("state")).isEqualTo("done");

      JsonObject passed = deployment(vertx, http, "?service=worker", "pass").await();
      assertThat(passed.getString("id")).isEqualTo(announced.bodyAsJsonObject().getString("id"));
      assertThat(passed.getString("commit")).isEqualTo("4be1f00");
      assertThat(passed.getJsonObject("verdict").getJsonArray("metrics")).isNotEmpty();
      assertThat(passed.getJsonObject("snapshot").getInteger("desiredCount")).isEqualTo(1);
    }
  }
}
