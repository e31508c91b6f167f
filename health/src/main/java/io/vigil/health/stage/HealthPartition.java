package io.vigil.health.stage;

import io.vertx.core.json.JsonObject;
import io.vigil.health.ServiceBook;
import io.vigil.health.insight.InsightBook;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One partition's state in the health stage: its services' signals and scores, and their
 * insights. Both checkpoint to the same compacted topic; an insight checkpoint is told apart by
 * its {@link InsightBook#CHECKPOINT_FIELD}.
 */
record HealthPartition(ServiceBook book, InsightBook insights) {

  void restore(Collection<JsonObject> checkpoints) {
    List<JsonObject> services = new ArrayList<>();
    List<JsonObject> insightStates = new ArrayList<>();
    for (JsonObject checkpoint : checkpoints) {
      (checkpoint.containsKey(InsightBook.CHECKPOINT_FIELD) ? insightStates : services).add(checkpoint);
    }
    book.restore(services);
    insights.restore(insightStates);
  }
}
