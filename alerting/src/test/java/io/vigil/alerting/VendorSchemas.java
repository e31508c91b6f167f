package io.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * The request bodies the vendors document, as checks a loopback fake runs on what it is sent:
 * PagerDuty's Events API v2 event, Opsgenie's create- and close-alert requests, and a Teams
 * message carrying an Adaptive Card. Unknown fields, missing required ones, wrong types, values
 * outside the documented enums and lengths beyond the documented limits all fail.
 */
final class VendorSchemas {

  private VendorSchemas() {}

  /** developer.pagerduty.com, Events API v2, "Send an Alert Event" / "Send a Change Event" (alert events only). */
  static void pagerDutyEvent(JsonObject event) {
    assertThat(Set.of("routing_key", "event_action", "dedup_key", "payload", "images", "links", "client", "client_url"))
        .containsAll(event.fieldNames());
    assertThat(event.getValue("routing_key")).isInstanceOf(String.class);
    assertThat(event.getString("event_action")).isIn("trigger", "acknowledge", "resolve");
    assertThat(event.getValue("dedup_key")).isInstanceOf(String.class);
    assertThat(event.getString("dedup_key")).hasSizeBetween(1, 255);
    if (!"trigger".equals(event.getString("event_action"))) {
      return;
    }
    JsonObject payload = event.getJsonObject("payload");
    assertThat(payload).as("payload is required to trigger").isNotNull();
    assertThat(Set.of("summary", "source", "severity", "timestamp", "component", "group", "class", "custom_details"))
        .containsAll(payload.fieldNames());
    assertThat(payload.getString("summary")).hasSizeBetween(1, 1024);
    assertThat(payload.getString("source")).isNotBlank();
    assertThat(payload.getString("severity")).isIn("critical", "error", "warning", "info");
    if (payload.containsKey("timestamp")) {
      Instant.parse(payload.getString("timestamp"));
    }
    for (String text : new String[] {"component", "group", "class"}) {
      if (payload.containsKey(text)) {
        assertThat(payload.getValue(text)).as(text).isInstanceOf(String.class);
      }
    }
    if (payload.containsKey("custom_details")) {
      assertThat(payload.getValue("custom_details")).isInstanceOf(JsonObject.class);
    }
  }

  /** docs.opsgenie.com, Alert API, "Create Alert". */
  static void opsgenieCreate(JsonObject body) {
    assertThat(Set.of("message", "alias", "description", "responders", "visibleTo", "actions", "tags", "details", "entity", "source",
        "priority", "user", "note")).containsAll(body.fieldNames());
    assertThat(body.getString("message")).hasSizeBetween(1, 130);
    assertThat(body.getString("alias")).hasSizeBetween(1, 512);
    assertThat(body.getString("description", "")).hasSizeLessThanOrEqualTo(15_000);
    JsonArray tags = body.getJsonArray("tags", new JsonArray());
    assertThat(tags.size()).isLessThanOrEqualTo(20);
    tags.forEach(tag -> assertThat(tag).isInstanceOf(String.class));
    body.getJsonObject("details", new JsonObject()).forEach(entry -> assertThat(entry.getValue()).as(entry.getKey()).isInstanceOf(String.class));
    assertThat(body.getString("entity", "")).hasSizeLessThanOrEqualTo(512);
    assertThat(body.getString("source", "")).hasSizeLessThanOrEqualTo(100);
    assertThat(body.getString("priority", "P3")).isIn("P1", "P2", "P3", "P4", "P5");
  }

  /** docs.opsgenie.com, Alert API, "Close Alert": identifier in the path, identifierType in the query. */
  static void opsgenieClose(JsonObject body) {
    assertThat(Set.of("user", "source", "note")).containsAll(body.fieldNames());
    assertThat(body.getString("source", "")).hasSizeLessThanOrEqualTo(100);
    assertThat(body.getString("note", "")).hasSizeLessThanOrEqualTo(25_000);
  }

  /** learn.microsoft.com, "Create and send messages" to an incoming webhook: a message with an Adaptive Card attachment. */
  static void teamsMessage(JsonObject message) {
    assertThat(message.getString("type")).isEqualTo("message");
    JsonArray attachments = message.getJsonArray("attachments");
    assertThat(attachments).isNotEmpty();
    for (Object item : attachments) {
      JsonObject attachment = (JsonObject) item;
      assertThat(attachment.getString("contentType")).isEqualTo("application/vnd.microsoft.card.adaptive");
      JsonObject card = attachment.getJsonObject("content");
      assertThat(card.getString("type")).isEqualTo("AdaptiveCard");
      assertThat(card.getString("version")).matches("1\\.[0-5]");
      assertThat(card.getJsonArray("body")).isNotEmpty();
      for (Object element : card.getJsonArray("body")) {
        JsonObject block = (JsonObject) element;
        assertThat(block.getString("type")).isIn("TextBlock", "FactSet");
        if (block.getString("type").equals("TextBlock")) {
          assertThat(block.getValue("text")).isInstanceOf(String.class);
        } else {
          block.getJsonArray("facts").forEach(fact -> {
            assertThat(((JsonObject) fact).fieldNames()).containsExactlyInAnyOrder("title", "value");
            assertThat(((JsonObject) fact).getString("value")).isNotEmpty();
          });
        }
      }
    }
  }

  /** Alertmanager's API v2, POST /api/v2/alerts: postableAlerts, each {labels (required), annotations, startsAt, endsAt, generatorURL}. */
  static void alertmanagerPostableAlerts(JsonArray alerts, String status) {
    assertThat(alerts).isNotEmpty();
    for (Object item : alerts) {
      JsonObject alert = (JsonObject) item;
      assertThat(Set.of("labels", "annotations", "startsAt", "endsAt", "generatorURL")).containsAll(alert.fieldNames());
      assertThat(alert.getJsonObject("labels")).isNotEmpty();
      alert.getJsonObject("labels").forEach(entry -> assertThat(entry.getValue()).isInstanceOf(String.class));
      alert.getJsonObject("annotations", new JsonObject()).forEach(entry -> assertThat(entry.getValue()).isInstanceOf(String.class));
      Instant starts = Instant.parse(alert.getString("startsAt"));
      Instant ends = Instant.parse(alert.getString("endsAt"));
      assertThat(ends).isAfter(starts);
      if ("firing".equals(status)) {
        assertThat(ends).as("a firing alert stays valid past now").isAfter(starts.plusSeconds(60));
      }
    }
  }
}
