package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vigil.testing.OpenApiPaths;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every operation of the OpenAPI document, called on a real engine with bad input generated from the
 * document itself: malformed, wrong-type, boundary, duplicate-key and oversized bodies for each
 * property of its request schema, and bad values for each of its parameters. None may get a 5xx; a
 * 400-class refusal of input must name the field; and {@code /health} answers throughout.
 */
@ExtendWith(VertxExtension.class)
class ApiFuzzTest {

  private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");
  /** Values that break parsers: empty, negative, beyond a long, not a time, control bytes, long. */
  private static final List<String> BAD_VALUES = List.of("", "-1", "0", "18446744073709551616", "-9223372036854775809",
      "1e400", "abc", "2026-13-45T99:99:99Z", "\u0000", "\u001b[31m", "\ud800", "%", "x".repeat(5000));
  /** Values of every JSON type, one of which is wrong for each property. */
  private static final List<Object> WRONG_TYPES = List.of("text", 12, 1.5e308, -0.0, true, new JsonObject(), new JsonArray(),
      "x".repeat(70_000));

  @RegisterExtension
  static final EngineExtension ENGINE = new EngineExtension();

  private record Call(HttpMethod method, String uri, String contentType, Buffer body) {
    @Override
    public String toString() {
      String shown = body == null ? "" : body.toString(StandardCharsets.UTF_8);
      return method + " " + (uri.length() > 120 ? uri.substring(0, 120) + "…" : uri) + " "
          + (shown.length() > 160 ? shown.substring(0, 160) + "…" : shown);
    }
  }

  @Test
  void noBadInputGetsA5xxEveryRefusalNamesTheFieldAndHealthAnswers(Vertx vertx) {
    JsonObject document = OpenApiPaths.document();
    List<Call> calls = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      if (path.equals("/api/v1/stream")) {
        continue; // a WebSocket; its limits have their own tests
      }
      JsonObject operations = paths.getJsonObject(path);
      for (String method : operations.fieldNames()) {
        if (!Set.of("get", "post", "put", "patch", "delete").contains(method)) {
          continue;
        }
        calls.addAll(callsFor(document, HttpMethod.valueOf(method.toUpperCase()), path, operations.getJsonObject(method)));
      }
    }
    assertThat(calls).hasSizeGreaterThan(300);

    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(ENGINE.httpPort()));
    List<String> problems = new ArrayList<>();
    int sent = 0;
    for (Call call : calls) {
      var request = http.request(call.method(), call.uri());
      if (call.contentType() != null) {
        request.putHeader("Content-Type", call.contentType());
      }
      HttpResponse<Buffer> response = (call.body() == null ? request.send() : request.sendBuffer(call.body())).await();
      check(call, response, problems);
      if (++sent % 50 == 0) {
        assertThat(http.get("/health").send().await().statusCode()).as("/health after %d calls", sent).isEqualTo(200);
      }
    }
    assertThat(problems).as("calls answered wrongly").isEmpty();
    assertThat(http.get("/health").send().await().statusCode()).isEqualTo(200);
  }

  private static void check(Call call, HttpResponse<Buffer> response, List<String> problems) {
    int status = response.statusCode();
    if (status >= 500) {
      problems.add(status + " for " + call);
      return;
    }
    if (status < 400) {
      return;
    }
    JsonObject error;
    try {
      error = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      problems.add(status + " without a JSON error for " + call);
      return;
    }
    if (error == null || !(error.getValue("error") instanceof String) || !(error.getValue("details") instanceof JsonArray details)) {
      problems.add(status + " without the error envelope for " + call + ": " + error);
      return;
    }
    boolean inputRefused = status == 400 || status == 413 || status == 415;
    boolean named = details.stream().allMatch(detail -> detail instanceof JsonObject item && !item.getString("field", "").isBlank());
    if (inputRefused && (details.isEmpty() || !named)) {
      problems.add(status + " naming no field for " + call + ": " + error.encode());
    }
  }

  private static List<Call> callsFor(JsonObject document, HttpMethod method, String path, JsonObject operation) {
    List<Call> calls = new ArrayList<>();
    String uri = path.replace("{id}", "fuzz-id");
    // Path parameters.
    if (path.contains("{id}")) {
      for (String value : List.of("%00", "x".repeat(3000), "..%2F..%2Fetc", "%FF%FE", "a%20b")) {
        calls.add(new Call(method, path.replace("{id}", value), null, null));
      }
    }
    // Query parameters, one bad value at a time.
    for (Object declared : operation.getJsonArray("parameters", new JsonArray())) {
      JsonObject parameter = resolve(document, (JsonObject) declared);
      if (!"query".equals(parameter.getString("in"))) {
        continue;
      }
      for (String value : BAD_VALUES) {
        calls.add(new Call(method, uri + "?" + parameter.getString("name") + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8), null, null));
      }
    }
    if (!WRITES.contains(method.name().toLowerCase())) {
      calls.add(new Call(method, uri, null, null));
      return calls;
    }
    // Bodies: not JSON, not an object, duplicate keys, deep nesting, and wrong types property by property.
    calls.add(new Call(method, uri, "text/plain", Buffer.buffer("{}")));
    for (String raw : List.of("not json", "[]", "null", "\"text\"", "{", "{\"a\":1,\"a\":2}", "[".repeat(5000) + "]".repeat(5000))) {
      calls.add(new Call(method, uri, "application/json", Buffer.buffer(raw)));
    }
    JsonObject schema = requestSchema(document, operation);
    if (schema == null) {
      return calls;
    }
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (String property : properties.fieldNames()) {
      for (Object wrong : WRONG_TYPES) {
        calls.add(new Call(method, uri, "application/json", Buffer.buffer(new JsonObject().put(property, wrong).encode())));
      }
      JsonObject propertySchema = resolve(document, properties.getJsonObject(property));
      JsonObject items = propertySchema.getJsonObject("items");
      if (items != null) {
        JsonObject itemSchema = resolve(document, items);
        for (String field : itemSchema.getJsonObject("properties", new JsonObject()).fieldNames()) {
          for (Object wrong : WRONG_TYPES) {
            JsonObject item = new JsonObject().put(field, wrong);
            calls.add(new Call(method, uri, "application/json", Buffer.buffer(new JsonObject().put(property, new JsonArray().add(item)).encode())));
          }
        }
      }
    }
    return calls;
  }

  private static JsonObject requestSchema(JsonObject document, JsonObject operation) {
    JsonObject body = operation.getJsonObject("requestBody");
    if (body == null) {
      return null;
    }
    JsonObject json = body.getJsonObject("content", new JsonObject()).getJsonObject("application/json");
    return json == null ? null : resolve(document, json.getJsonObject("schema", new JsonObject()));
  }

  /** Follows a local {@code $ref} ("#/components/…"). */
  private static JsonObject resolve(JsonObject document, JsonObject node) {
    String ref = node.getString("$ref");
    if (ref == null) {
      return node;
    }
    JsonObject target = document;
    for (String part : ref.substring(2).split("/")) {
      target = target.getJsonObject(part);
    }
    return resolve(document, target);
  }
}
