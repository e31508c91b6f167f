package io.vigil.recommendations.stage;

import io.vertx.core.json.JsonObject;
import io.vigil.kafka.ForwardingStage;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import io.vigil.model.WireBatch;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The recommender's first stages: stateless {@link ForwardingStage}s that read one ingest topic
 * (points keyed by series, log events by log group) and write the records that are recommender
 * evidence to {@code vigil.recommendation-inputs} keyed by service, so that all of one service's
 * inputs meet on one partition of the recommender.
 */
public final class InputForwarders {

  private InputForwarders() {}

  /** ECS utilisation points from {@code vigil.points}. */
  public static ForwardingStage points(KafkaEndpoint kafka, int checkpointIntervalSeconds) {
    return forwarding(kafka, "recommendation-points", Topics.POINTS, WireBatch::points, json -> UsageInputs.of(Wire.point(json)), checkpointIntervalSeconds);
  }

  /** Kills for memory from {@code vigil.log-events}. */
  public static ForwardingStage kills(KafkaEndpoint kafka, int checkpointIntervalSeconds) {
    return forwarding(kafka, "recommendation-kills", Topics.LOG_EVENTS, json -> UsageInputs.of(Wire.logEvent(json)), checkpointIntervalSeconds);
  }

  private static ForwardingStage forwarding(KafkaEndpoint kafka, String stageName, String inputTopic,
      Function<JsonObject, Optional<UsageInput>> translate, int checkpointIntervalSeconds) {
    return forwarding(kafka, stageName, inputTopic, List::of, translate, checkpointIntervalSeconds);
  }

  /** As above, for input records that carry several values each ({@link WireBatch}). */
  private static ForwardingStage forwarding(KafkaEndpoint kafka, String stageName, String inputTopic,
      Function<JsonObject, List<JsonObject>> entries, Function<JsonObject, Optional<UsageInput>> translate, int checkpointIntervalSeconds) {
    return new ForwardingStage(kafka, new ForwardingStage.Route(stageName, inputTopic, Topics.RECOMMENDATION_CHECKPOINTS, Topics.RECOMMENDATION_INPUTS), entries,
        json -> translate.apply(json).map(input -> new ForwardingStage.Forward(input.service(), input.toJson())), checkpointIntervalSeconds);
  }
}
