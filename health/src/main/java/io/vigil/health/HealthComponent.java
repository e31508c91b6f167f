package io.vigil.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** One deduction from a service's score: its kind, the points it takes, why, and the evidence for it. */
public record HealthComponent(ComponentKind kind, double deduction, String reason, List<Evidence> evidence) {

  public HealthComponent {
    evidence = List.copyOf(evidence);
  }

  public JsonObject toJson() {
    JsonArray facts = new JsonArray();
    evidence.forEach(fact -> facts.add(fact.toJson()));
    return new JsonObject().put("kind", kind.wireName()).put("deduction", HealthScorer.round(deduction)).put("reason", reason)
        .put("evidence", facts);
  }

  public static HealthComponent fromJson(JsonObject json) {
    List<Evidence> evidence = new ArrayList<>();
    json.getJsonArray("evidence").forEach(fact -> evidence.add(Evidence.fromJson((JsonObject) fact)));
    return new HealthComponent(ComponentKind.fromWire(json.getString("kind")), json.getDouble("deduction"), json.getString("reason"), evidence);
  }
}
