package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vigil.model.SeriesKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/v1/series}: paging and filters reach the read side, and a slow listing leaves /health answering. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class SeriesListingTest {

  private static final SeriesSummary SUMMARY = new SeriesSummary(SeriesKey.of("AWS/ECS", "CPUUtilization", Map.of("ServiceName", "api")), "api", 3, 0, 1000, 1.5, 0.1);

  /** Answers one summary and a next cursor, and remembers the query it was asked. */
  private static final class RecordingReadModel extends TestApi.EmptyReadModel {
    final AtomicReference<SeriesQuery> asked = new AtomicReference<>();

    @Override
    public SeriesPage series(SeriesQuery query) {
      asked.set(query);
      return new SeriesPage(List.of(SUMMARY), SUMMARY.series().id());
    }
  }

  @Test
  void pagingAndFiltersArePassedOnAndTheNextCursorReturned(Vertx vertx, VertxTestContext test) {
    RecordingReadModel readModel = new RecordingReadModel();
    TestApi.start(vertx, TestApi.loopback(), readModel, List.of()).compose(port -> {
      WebClient http = TestApi.client(vertx, port);
      return http.get("/api/v1/series").send().compose(first -> {
        test.verify(() -> {
          assertThat(first.statusCode()).isEqualTo(200);
          JsonObject body = first.bodyAsJsonObject();
          assertThat(body.getJsonArray("series")).hasSize(1);
          assertThat(body.getString("nextCursor")).isEqualTo(SUMMARY.series().id());
          assertThat(readModel.asked.get()).isEqualTo(SeriesQuery.firstPage(100));
        });
        return http.get("/api/v1/series?limit=1000&cursor=s-00ff&namespace=AWS/ECS&service=api&metric=CPUUtilization&q=Prod").send();
      }).compose(filtered -> {
        test.verify(() -> assertThat(readModel.asked.get()).isEqualTo(new SeriesQuery("AWS/ECS", "api", "CPUUtilization", "prod", "s-00ff", 1000)));
        return Future.all(http.get("/api/v1/series?limit=1001").send(), http.get("/api/v1/series?limit=0").send());
      }).map(tooLarge -> {
        test.verify(() -> {
          for (int i = 0; i < 2; i++) {
            JsonObject refused = tooLarge.<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>resultAt(i).bodyAsJsonObject();
            assertThat(refused.getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("limit");
            assertThat(refused.getJsonArray("details").getJsonObject(0).getString("message")).contains("1 to 1000");
          }
        });
        return null;
      });
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void healthAnswersWhileAListingIsStillRunning(Vertx vertx, VertxTestContext test) {
    CountDownLatch healthAnswered = new CountDownLatch(1);
    TestApi.EmptyReadModel slow = new TestApi.EmptyReadModel() {
      @Override
      public SeriesPage series(SeriesQuery query) {
        // Holds the listing until /health has answered: on the event loop, /health never could.
        try {
          if (!healthAnswered.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("/health did not answer while the listing ran");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        return new SeriesPage(List.of(SUMMARY), null);
      }
    };
    TestApi.start(vertx, TestApi.loopback(), slow, List.of()).compose(port -> {
      WebClient http = TestApi.client(vertx, port);
      var listing = http.get("/api/v1/series").send();
      var health = http.get("/health").send().onSuccess(answered -> healthAnswered.countDown());
      return Future.all(listing, health).map(both -> {
        test.verify(() -> {
          assertThat(health.result().statusCode()).isEqualTo(200);
          assertThat(listing.result().statusCode()).isEqualTo(200);
          assertThat(listing.result().bodyAsJsonObject().getValue("nextCursor")).isNull();
          assertThat(listing.result().bodyAsJsonObject().containsKey("nextCursor")).isTrue();
        });
        return null;
      });
    }).onComplete(test.succeedingThenComplete());
  }
}
