package io.vigil.alerting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alert: a fingerprint (the identity of the labels it was created with) and one firing episode
 * of it. An {@code insight} label can join later, when the health stage groups the alert's anomaly
 * into an insight; it is not part of the fingerprint, so the alert stays the same alert. The id names the
 * episode ({@code al-<fingerprint>-<startsAt base 36>}), so a re-fire after resolution is a new id.
 *
 * @param endsAtMillis 0 while firing
 * @param lastAnomalyMillis the timestamp of the newest anomaly of the episode
 * @param lastDetectedMillis when Vigil detected that anomaly (its record time); recovery counts from
 *     the later of the two
 * @param periodMillis the series' cadence as detection estimated it, 0 when not known
 * @param acknowledged set by an ack; cleared whenever the alert changes status
 * @param anomalies the newest anomalies of the episode (bounded), in their wire form
 */
public record Alert(
    String id,
    String fingerprint,
    SortedMap<String, String> labels,
    SortedMap<String, String> annotations,
    String seriesId,
    boolean firing,
    long startsAtMillis,
    long endsAtMillis,
    long lastAnomalyMillis,
    long lastDetectedMillis,
    long periodMillis,
    boolean acknowledged,
    List<JsonObject> anomalies) {

  public Alert {
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    anomalies = List.copyOf(anomalies);
  }

  /** The stable fingerprint of a label set: 16 hex digits of the SHA-256 of its length-prefixed encoding. */
  public static String fingerprintOf(Map<String, String> labels) {
    StringBuilder encoded = new StringBuilder();
    new TreeMap<>(labels).forEach((name, value) -> encoded.append(name.length()).append(':').append(name)
        .append(value.length()).append(':').append(value));
    return sha256Hex(encoded.toString()).substring(0, 16);
  }

  static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  public static String idOf(String fingerprint, long startsAtMillis) {
    return "al-" + fingerprint + "-" + Long.toString(startsAtMillis, 36);
  }

  public String status() {
    return firing ? "firing" : "resolved";
  }

  /** This episode with one more anomaly, detected at {@code detectedAtMillis}, of a series now of {@code periodMillis}. */
  public Alert withAnomaly(JsonObject anomaly, long timestampMillis, long detectedAtMillis, long periodMillis, int keep) {
    List<JsonObject> newest = new ArrayList<>(anomalies);
    newest.add(anomaly);
    while (newest.size() > keep) {
      newest.remove(0);
    }
    return new Alert(id, fingerprint, labels, annotations, seriesId, firing, startsAtMillis, endsAtMillis,
        Math.max(lastAnomalyMillis, timestampMillis), Math.max(lastDetectedMillis, detectedAtMillis),
        periodMillis > 0 ? periodMillis : this.periodMillis, acknowledged, newest);
  }

  public Alert resolved(long atMillis) {
    return new Alert(id, fingerprint, labels, annotations, seriesId, false, startsAtMillis, atMillis, lastAnomalyMillis,
        lastDetectedMillis, periodMillis, false, anomalies);
  }

  /** This episode with one more label; the fingerprint stays that of the labels it was created with. */
  public Alert withLabel(String name, String value) {
    SortedMap<String, String> more = new TreeMap<>(labels);
    more.put(name, value);
    return new Alert(id, fingerprint, more, annotations, seriesId, firing, startsAtMillis, endsAtMillis, lastAnomalyMillis,
        lastDetectedMillis, periodMillis, acknowledged, anomalies);
  }

  public Alert withAcknowledged(boolean value) {
    return new Alert(id, fingerprint, labels, annotations, seriesId, firing, startsAtMillis, endsAtMillis, lastAnomalyMillis,
        lastDetectedMillis, periodMillis, value, anomalies);
  }

  /** The form used on Kafka, in the API and in notification bodies. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("fingerprint", fingerprint)
        .put("status", status())
        .put("labels", new JsonObject(new TreeMap<String, Object>(labels)))
        .put("annotations", new JsonObject(new TreeMap<String, Object>(annotations)))
        .put("seriesId", seriesId)
        .put("startsAt", Instant.ofEpochMilli(startsAtMillis).toString())
        .put("startsAtMillis", startsAtMillis)
        .put("endsAt", endsAtMillis == 0 ? null : Instant.ofEpochMilli(endsAtMillis).toString())
        .put("endsAtMillis", endsAtMillis)
        .put("lastAnomalyMillis", lastAnomalyMillis)
        .put("lastDetectedMillis", lastDetectedMillis)
        .put("periodMillis", periodMillis)
        .put("acknowledged", acknowledged);
    json.put("anomalies", new JsonArray(new ArrayList<>(anomalies)));
    return json;
  }

  public static Alert fromJson(JsonObject json) {
    List<JsonObject> anomalies = new ArrayList<>();
    json.getJsonArray("anomalies", new JsonArray()).forEach(item -> anomalies.add((JsonObject) item));
    return new Alert(
        json.getString("id"),
        json.getString("fingerprint"),
        strings(json.getJsonObject("labels")),
        strings(json.getJsonObject("annotations", new JsonObject())),
        json.getString("seriesId", ""),
        "firing".equals(json.getString("status")),
        json.getLong("startsAtMillis"),
        json.getLong("endsAtMillis", 0L),
        json.getLong("lastAnomalyMillis", 0L),
        json.getLong("lastDetectedMillis", json.getLong("lastAnomalyMillis", 0L)),
        json.getLong("periodMillis", 0L),
        json.getBoolean("acknowledged", false),
        anomalies);
  }

  private static SortedMap<String, String> strings(JsonObject json) {
    SortedMap<String, String> map = new TreeMap<>();
    json.forEach(entry -> map.put(entry.getKey(), String.valueOf(entry.getValue())));
    return map;
  }
}
