package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vigil.ingest.IngestPublisher;
import io.vigil.model.Topics;
import io.vigil.testing.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Correlation ids and the audit trail on a real engine: the id of a request is echoed, appears in
 * the log lines the request causes and on the Kafka records it writes, and every write is audited
 * with its object before and after and no secret.
 */
@ExtendWith(VertxExtension.class)
class RequestIdAndAuditTest {

  @RegisterExtension
  static final EngineExtension ENGINE = new EngineExtension("alerting.allowPrivateReceivers=true");

  private static WebClient http(Vertx vertx) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(ENGINE.httpPort()));
  }

  @Test
  void aWriteIsAuditedWithItsRequestIdAndItsLogLinesCarryIt(Vertx vertx) {
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    captured.setContext(root.getLoggerContext());
    captured.start();
    root.addAppender(captured);
    try {
      JsonObject subscription = new JsonObject().put("name", "audited").put("match", new JsonObject())
          .put("receiver", new JsonObject().put("type", "webhook").put("url", "http://127.0.0.1:9/hook").put("secret", "s3cret-value"));
      HttpResponse<?> created = http(vertx).post("/api/v1/subscriptions").putHeader("X-Request-Id", "abc")
          .sendJsonObject(subscription).await();
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
      assertThat(created.getHeader("X-Request-Id")).isEqualTo("abc");

      HttpResponse<?> deleted = http(vertx).delete("/api/v1/subscriptions/audited").putHeader("X-Request-Id", "del-1").send().await();
      assertThat(deleted.statusCode()).isEqualTo(204);

      JsonArray records = Eventually.succeeds(vertx, 100, 200, () -> http(vertx).get("/api/v1/audit?object=subscriptions/audited").send()
          .map(response -> {
            JsonArray found = response.bodyAsJsonObject().getJsonArray("records");
            if (found.size() < 2) {
              throw new IllegalStateException("audit records so far: " + found.encode());
            }
            return found;
          })).await();
      JsonObject deletion = records.getJsonObject(0);
      JsonObject creation = records.getJsonObject(1);
      assertThat(deletion.getString("requestId")).isEqualTo("del-1");
      assertThat(deletion.getString("method")).isEqualTo("DELETE");
      assertThat(deletion.getJsonObject("before").getString("name")).isEqualTo("audited");
      assertThat(deletion.getValue("after")).isNull();
      assertThat(creation.getString("requestId")).isEqualTo("abc");
      assertThat(creation.getString("actor")).isEqualTo("loopback:127.0.0.1");
      assertThat(creation.getString("object")).isEqualTo("subscriptions/audited");
      assertThat(creation.getInteger("status")).isEqualTo(201);
      assertThat(creation.getValue("before")).isNull();
      assertThat(creation.getJsonObject("after").getJsonObject("receiver").getString("url")).isEqualTo("http://127.0.0.1:9/hook");
      assertThat(records.encode()).doesNotContain("s3cret-value");
      assertThat(Instant.parse(creation.getString("time"))).isBefore(Instant.parse(deletion.getString("time")).plusMillis(1));

      List<String> withId = captured.list.stream()
          .filter(event -> "abc".equals(event.getMDCPropertyMap().get("requestId")))
          .map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(withId).as("log lines of the create request").anyMatch(line -> line.contains("audited"));
      assertThat(captured.list.stream().filter(event -> event.getFormattedMessage().contains("audited") && event.getFormattedMessage().contains("created")))
          .allMatch(event -> "abc".equals(event.getMDCPropertyMap().get("requestId")));
    } finally {
      root.detachAppender(captured);
    }
  }

  @Test
  void pushedPointsCarryTheRequestIdAndAMalformedIdIsReplaced(Vertx vertx) {
    JsonObject body = new JsonObject().put("points", new JsonArray().add(new JsonObject()
        .put("namespace", "Test/RequestIds").put("metric", "Latency").put("dimensions", new JsonObject().put("ServiceName", "rid"))
        .put("timestamp", Instant.now().minusSeconds(30).toString()).put("value", 1.5)));
    HttpResponse<?> pushed = http(vertx).post("/api/v1/metrics").putHeader("X-Request-Id", "push-42").sendJsonObject(body).await();
    assertThat(pushed.statusCode()).isEqualTo(202);
    assertThat(pushed.getHeader("X-Request-Id")).isEqualTo("push-42");

    String tooLong = "x".repeat(129);
    HttpResponse<?> replaced = http(vertx).get("/api/v1/series").putHeader("X-Request-Id", tooLong).send().await();
    assertThat(replaced.getHeader("X-Request-Id")).isNotEqualTo(tooLong).hasSizeBetween(1, 128);
    HttpResponse<?> control = http(vertx).get("/api/v1/series").putHeader("X-Request-Id", "a\tb").send().await();
    assertThat(control.getHeader("X-Request-Id")).isNotEqualTo("a\tb").doesNotContain("\t");

    assertThat(requestIdsOn(Topics.POINTS)).contains("push-42");
  }

  private static List<String> requestIdsOn(String topic) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", ENGINE.engine().bootstrapServers());
    properties.put("enable.auto.commit", "false");
    List<String> ids = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + 30_000;
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition)) && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          Header header = record.headers().lastHeader(IngestPublisher.REQUEST_ID_HEADER);
          if (header != null) {
            ids.add(new String(header.value(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return ids;
  }
}
