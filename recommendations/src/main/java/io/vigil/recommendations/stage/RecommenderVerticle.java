package io.vigil.recommendations.stage;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.config.RecommendationsConfig;
import io.vigil.ingest.aws.AwsClients;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.PartitionedStage;
import io.vigil.kafka.TopicReader;
import io.vigil.model.Topics;
import io.vigil.recommendations.MemoryKill;
import io.vigil.recommendations.RecommendationBook;
import io.vigil.recommendations.RecommenderSettings;
import io.vigil.recommendations.ServiceUsage;
import io.vigil.recommendations.TaskSize;
import io.vigil.recommendations.ecs.EcsServiceState;
import io.vigil.recommendations.ecs.EcsTaskCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recommender stage: reads {@code vigil.recommendation-inputs} (keyed by service) in its
 * consumer group into each partition's {@link RecommendationBook}, and on the scaffold's tick
 * writes the recommendations that are due to the compacted {@code vigil.recommendations}, keyed by
 * recommendation id. With ECS on, each service's size and stopped tasks are read from ECS when it
 * is first seen and every {@code recommendations.ecs.refreshSeconds} after; until a size is known
 * (from ECS or configuration) its samples cannot be converted and are not counted.
 */
public final class RecommenderVerticle extends VerticleBase implements PartitionedStage.Logic<RecommendationBook> {

  private static final Logger LOG = LoggerFactory.getLogger(RecommenderVerticle.class);
  static final String STAGE = "recommendations";

  private final KafkaEndpoint kafka;
  private final RecommendationsConfig config;
  private final RecommenderSettings settings;
  private final Function<String, Optional<TaskSize>> configuredSizes;
  private final Optional<EcsTaskCatalog> ecs;
  private final Clock clock;
  private final Map<String, Long> ecsReadAtMillis = new HashMap<>();
  private final Set<String> ecsInFlight = new HashSet<>();
  private PartitionedStage<RecommendationBook> stage;

  public RecommenderVerticle(KafkaEndpoint kafka, RecommendationsConfig config, RecommenderSettings settings,
      Function<String, Optional<TaskSize>> configuredSizes, Optional<EcsTaskCatalog> ecs, Clock clock) {
    this.kafka = kafka;
    this.config = config;
    this.settings = settings;
    this.configuredSizes = configuredSizes;
    this.ecs = ecs;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    stage = new PartitionedStage<>(vertx, kafka, new PartitionedStage.Topology(STAGE, Topics.RECOMMENDATION_INPUTS, Topics.RECOMMENDATION_CHECKPOINTS), this);
    return stage.start(config.checkpointIntervalSeconds() * 1000L);
  }

  @Override
  public Future<?> stop() {
    return stage.stop();
  }

  /** Checkpoints now (tests). */
  public Future<Void> checkpointNow() {
    return stage.checkpointNow();
  }

  @Override
  public RecommendationBook restore(int partition, TopicReader reader) {
    RecommendationBook book = fresh(partition);
    List<ServiceUsage.State> states = new ArrayList<>();
    try {
      reader.latestByKey(Topics.RECOMMENDATION_CHECKPOINTS, partition).values().forEach(json -> states.add(UsageStateJson.fromJson(json)));
      book.restore(states);
    } catch (RuntimeException e) {
      LOG.warn("recommendations: partition {} has an unreadable checkpoint and starts afresh: {}", partition, e.getMessage());
      return fresh(partition);
    }
    LOG.info("recommendations: partition {} restored {} services from checkpoints", partition, book.serviceCount());
    return book;
  }

  @Override
  public RecommendationBook fresh(int partition) {
    return new RecommendationBook(settings, configuredSizes, config.evaluateIntervalSeconds() * 1000L);
  }

  @Override
  public void process(RecommendationBook book, KafkaConsumerRecord<String, JsonObject> record, PartitionedStage.Output out) {
    UsageInput input;
    try {
      input = UsageInput.fromJson(record.value());
    } catch (RuntimeException e) {
      LOG.warn("recommendations: skipping an unreadable input at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    ServiceUsage usage = book.usage(input.cluster(), input.service());
    switch (input.kind()) {
      case CPU -> usage.addCpuPercent(input.timeMillis(), input.value());
      case MEMORY -> usage.addMemoryPercent(input.timeMillis(), input.value());
      case KILL -> usage.addKill(input.timeMillis(), input.source(), input.detail());
    }
  }

  @Override
  public void tick(RecommendationBook book, PartitionedStage.Output out) {
    long now = clock.millis();
    ecs.ifPresent(catalog -> refreshFromEcs(book, catalog, now));
    for (RecommendationBook.Publication publication : book.due(now)) {
      out.send(Topics.RECOMMENDATIONS, publication.id(), publication.recommendation().map(RecommendationJson::toJson).orElse(null));
    }
  }

  private void refreshFromEcs(RecommendationBook book, EcsTaskCatalog catalog, long now) {
    for (ServiceUsage usage : book.services()) {
      String service = usage.service();
      Long readAt = ecsReadAtMillis.get(service);
      if (usage.cluster().isEmpty() || ecsInFlight.contains(service) || (readAt != null && now - readAt < config.ecs().refreshSeconds() * 1000L)) {
        continue;
      }
      ecsInFlight.add(service);
      ecsReadAtMillis.put(service, now);
      catalog.describe(context, usage.cluster(), service).onComplete(result -> {
        ecsInFlight.remove(service);
        if (result.failed()) {
          LOG.warn("recommendations: cannot read ECS service {}/{}: {}", usage.cluster(), service, AwsClients.describe(result.cause()));
          return;
        }
        EcsServiceState state = result.result();
        book.taskSize(service, state.size());
        book.find(service).ifPresent(found -> {
          for (MemoryKill kill : state.kills()) {
            found.addKill(kill.atMillis(), kill.source(), kill.detail());
          }
        });
      });
    }
  }

  @Override
  public List<PartitionedStage.Checkpoint> checkpoint(int partition, RecommendationBook book) {
    return book.changedSinceLastCheckpoint().entrySet().stream()
        .map(entry -> new PartitionedStage.Checkpoint(entry.getKey(), UsageStateJson.toJson(entry.getValue())))
        .toList();
  }

  @Override
  public void unsaved(RecommendationBook book, List<PartitionedStage.Checkpoint> checkpoints) {
    book.unsaved(checkpoints.stream().map(PartitionedStage.Checkpoint::key).toList());
  }
}
