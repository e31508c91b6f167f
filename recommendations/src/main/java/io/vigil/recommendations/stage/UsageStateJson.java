package io.vigil.recommendations.stage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.recommendations.CostModel;
import io.vigil.recommendations.DecayingHistogram;
import io.vigil.recommendations.FargateSize;
import io.vigil.recommendations.MemoryKill;
import io.vigil.recommendations.ServiceUsage;
import io.vigil.recommendations.TaskSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** A {@link ServiceUsage.State} as a checkpoint record and back; restoring gives the same state. */
public final class UsageStateJson {

  private UsageStateJson() {}

  public static JsonObject toJson(ServiceUsage.State state) {
    JsonObject peaks = new JsonObject();
    state.dailyMemoryPeaksMiB().forEach((day, peak) -> peaks.put(String.valueOf(day), peak));
    JsonArray kills = new JsonArray();
    state.kills().forEach(kill -> kills.add(new JsonObject().put("t", kill.atMillis()).put("usageMiB", kill.usageMiB())
        .put("source", kill.source()).put("detail", kill.detail())));
    JsonObject json = new JsonObject()
        .put("v", 1)
        .put("cluster", state.cluster())
        .put("service", state.service())
        .put("cpuUnits", histogram(state.cpuUnits()))
        .put("cpuPercent", histogram(state.cpuPercent()))
        .put("memoryMiB", histogram(state.memoryMiB()))
        .put("dailyMemoryPeaksMiB", peaks)
        .put("kills", kills)
        .put("cpuVariation", welford(state.cpuVariation()))
        .put("memoryVariation", welford(state.memoryVariation()))
        .put("firstMillis", state.firstMillis())
        .put("lastMillis", state.lastMillis())
        .put("coveredMinutes", state.coveredMinutes())
        .put("lastMinute", state.lastMinute())
        .put("lastMemoryMiB", state.lastMemoryMiB());
    state.taskSize().ifPresent(size -> json.put("taskSize", new JsonObject().put("cpu", size.size().cpu()).put("memoryMiB", size.size().memoryMiB())
        .put("desiredCount", size.desiredCount()).put("architecture", size.architecture().name()).put("taskDefinition", size.taskDefinition())
        .put("source", size.source())));
    return json;
  }

  public static ServiceUsage.State fromJson(JsonObject json) {
    SortedMap<Long, Double> peaks = new TreeMap<>();
    json.getJsonObject("dailyMemoryPeaksMiB").forEach(entry -> peaks.put(Long.parseLong(entry.getKey()), ((Number) entry.getValue()).doubleValue()));
    List<MemoryKill> kills = new ArrayList<>();
    json.getJsonArray("kills").forEach(item -> {
      JsonObject kill = (JsonObject) item;
      kills.add(new MemoryKill(kill.getLong("t"), kill.getDouble("usageMiB"), kill.getString("source"), kill.getString("detail")));
    });
    JsonObject size = json.getJsonObject("taskSize");
    Optional<TaskSize> taskSize = size == null ? Optional.empty() : Optional.of(new TaskSize(new FargateSize(size.getInteger("cpu"),
        size.getInteger("memoryMiB")), size.getInteger("desiredCount"), CostModel.Architecture.valueOf(size.getString("architecture")),
        size.getString("taskDefinition"), size.getString("source")));
    return new ServiceUsage.State(json.getString("cluster"), json.getString("service"), histogram(json.getJsonObject("cpuUnits")),
        histogram(json.getJsonObject("cpuPercent")), histogram(json.getJsonObject("memoryMiB")), peaks, kills,
        welford(json.getJsonObject("cpuVariation")), welford(json.getJsonObject("memoryVariation")), taskSize, json.getLong("firstMillis"),
        json.getLong("lastMillis"), json.getLong("coveredMinutes"), json.getLong("lastMinute"), json.getDouble("lastMemoryMiB"));
  }

  private static JsonObject histogram(DecayingHistogram.State state) {
    JsonObject weights = new JsonObject();
    state.weights().forEach((bucket, weight) -> weights.put(String.valueOf(bucket), weight));
    return new JsonObject().put("referenceMillis", state.referenceMillis()).put("weights", weights);
  }

  private static DecayingHistogram.State histogram(JsonObject json) {
    SortedMap<Integer, Double> weights = new TreeMap<>();
    json.getJsonObject("weights").forEach(entry -> weights.put(Integer.parseInt(entry.getKey()), ((Number) entry.getValue()).doubleValue()));
    return new DecayingHistogram.State(json.getLong("referenceMillis"), weights);
  }

  private static JsonObject welford(ServiceUsage.Welford.State state) {
    return new JsonObject().put("count", state.count()).put("mean", state.mean()).put("m2", state.m2());
  }

  private static ServiceUsage.Welford.State welford(JsonObject json) {
    return new ServiceUsage.Welford.State(json.getLong("count"), json.getDouble("mean"), json.getDouble("m2"));
  }
}
