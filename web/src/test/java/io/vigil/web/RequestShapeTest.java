package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Requests of the wrong shape: a method the path does not take, and JSON with a key given twice. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class RequestShapeTest {

  private static final ApiExtension EXTENSION = (router, vertx) ->
      router.delete("/api/v1/things/:id").handler(context -> context.response().setStatusCode(204).end());

  private static Future<HttpResponse<Buffer>> json(WebClient http, HttpMethod method, String path, String body) {
    return http.request(method, path).putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
  }

  @Test
  void aKnownPathWithTheWrongMethodIs405WithAllow(Vertx vertx, VertxTestContext test) {
    TestApi.start(vertx, TestApi.loopback(), new TestApi.EmptyReadModel(), List.of(EXTENSION)).compose(port -> {
      WebClient http = TestApi.client(vertx, port);
      return Future.all(List.of(
          json(http, HttpMethod.PUT, "/api/v1/metrics", "{}"),
          json(http, HttpMethod.PATCH, "/api/v1/logs", "{}"),
          http.delete("/api/v1/series/s-1/points").send(),
          json(http, HttpMethod.POST, "/api/v1/things/t-1", "{}"),
          json(http, HttpMethod.POST, "/api/v1/nothing-here", "{}")));
    }).onComplete(test.succeeding(all -> test.verify(() -> {
      HttpResponse<Buffer> put = all.resultAt(0);
      assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(405);
      assertThat(put.getHeader("Allow")).isEqualTo("POST");
      assertThat(put.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("method");
      assertThat(all.<HttpResponse<Buffer>>resultAt(1).getHeader("Allow")).isEqualTo("GET, POST");
      assertThat(all.<HttpResponse<Buffer>>resultAt(2).statusCode()).isEqualTo(405);
      assertThat(all.<HttpResponse<Buffer>>resultAt(2).getHeader("Allow")).isEqualTo("GET");
      assertThat(all.<HttpResponse<Buffer>>resultAt(3).getHeader("Allow")).isEqualTo("DELETE");
      assertThat(all.<HttpResponse<Buffer>>resultAt(4).statusCode()).isEqualTo(404);
      assertThat(all.<HttpResponse<Buffer>>resultAt(4).getHeader("Allow")).isNull();
      test.completeNow();
    })));
  }

  @Test
  void aKeyGivenTwiceIsRefusedNamingIt(Vertx vertx, VertxTestContext test) {
    String point = "{\"namespace\":\"A\",\"metric\":\"m\",\"timestamp\":0,";
    TestApi.start(vertx, TestApi.loopback(), new TestApi.EmptyReadModel(), List.of()).compose(port -> {
      WebClient http = TestApi.client(vertx, port);
      return Future.all(List.of(
          json(http, HttpMethod.POST, "/api/v1/metrics", "{\"points\":[{\"bad\":1}],\"points\":[" + point + "\"value\":1}]}"),
          json(http, HttpMethod.POST, "/api/v1/metrics", "{\"points\":[" + point + "\"value\":\"bad\",\"value\":2}]}"),
          json(http, HttpMethod.POST, "/api/v1/logs", "{\"events\":[{\"logGroup\":\"g\",\"logGroup\":\"h\"}]}")));
    }).onComplete(test.succeeding(all -> test.verify(() -> {
      List<String> fields = List.of("points", "points[0].value", "events[0].logGroup");
      for (int i = 0; i < fields.size(); i++) {
        HttpResponse<Buffer> response = all.resultAt(i);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
        JsonObject detail = response.bodyAsJsonObject().getJsonArray("details").getJsonObject(0);
        assertThat(detail.getString("field")).isEqualTo(fields.get(i));
        assertThat(detail.getString("message")).contains("duplicate key");
      }
      test.completeNow();
    })));
  }
}
