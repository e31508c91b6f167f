package io.vigil.health.insight;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One incident of one service, as written to the compacted {@code vigil.insights} (keyed by id) and
 * served by the API: when it started and ended, how bad it got, what was affected, its members in
 * the order they appeared, and its probable causes, most likely first.
 *
 * @param startMillis when the first of its members was first seen
 * @param endMillis when its service was back in the healthy band for good; empty while open
 * @param minScore the lowest score its service had while it was open
 * @param affectedServices its service, then the dependencies among its members
 * @param timeline its members, by when they were first seen
 */
public record Insight(
    String id,
    String service,
    InsightStatus status,
    Severity severity,
    long startMillis,
    OptionalLong endMillis,
    long updatedAtMillis,
    int minScore,
    String topReason,
    List<String> affectedServices,
    List<String> metrics,
    List<InsightMember> timeline,
    List<ProbableCause> causes) {

  public Insight {
    affectedServices = List.copyOf(affectedServices);
    metrics = List.copyOf(metrics);
    timeline = List.copyOf(timeline);
    causes = List.copyOf(causes);
  }

  /** The short form the list endpoint shows: no timeline, causes without their evidence. */
  public JsonObject summaryJson() {
    JsonArray shortCauses = new JsonArray();
    causes.forEach(cause -> shortCauses.add(cause.toJson().put("evidence", new JsonArray())));
    return head().put("causes", shortCauses).put("memberCount", timeline.size());
  }

  public JsonObject toJson() {
    JsonArray members = new JsonArray();
    timeline.forEach(member -> members.add(member.toJson()));
    JsonArray ranked = new JsonArray();
    causes.forEach(cause -> ranked.add(cause.toJson()));
    return head().put("timeline", members).put("causes", ranked);
  }

  private JsonObject head() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("service", service)
        .put("status", status.wireName())
        .put("severity", severity.wireName())
        .put("startMillis", startMillis)
        .put("updatedAtMillis", updatedAtMillis)
        .put("minScore", minScore)
        .put("topReason", topReason)
        .put("affectedServices", new JsonArray(new ArrayList<>(affectedServices)))
        .put("metrics", new JsonArray(new ArrayList<>(metrics)));
    endMillis.ifPresent(end -> json.put("endMillis", end));
    return json;
  }

  public static Insight fromJson(JsonObject json) {
    List<String> affected = new ArrayList<>();
    json.getJsonArray("affectedServices").forEach(name -> affected.add((String) name));
    List<String> metrics = new ArrayList<>();
    json.getJsonArray("metrics").forEach(name -> metrics.add((String) name));
    List<InsightMember> timeline = new ArrayList<>();
    json.getJsonArray("timeline").forEach(member -> timeline.add(InsightMember.fromJson((JsonObject) member)));
    List<ProbableCause> causes = new ArrayList<>();
    json.getJsonArray("causes").forEach(cause -> causes.add(ProbableCause.fromJson((JsonObject) cause)));
    Long end = json.getLong("endMillis");
    return new Insight(json.getString("id"), json.getString("service"), InsightStatus.fromWire(json.getString("status")),
        Severity.fromWire(json.getString("severity")), json.getLong("startMillis"), end == null ? OptionalLong.empty() : OptionalLong.of(end),
        json.getLong("updatedAtMillis"), json.getInteger("minScore"), json.getString("topReason"), affected, metrics, timeline, causes);
  }
}
