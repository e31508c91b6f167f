package io.vigil.logpatterns.stage;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.config.LogGroupServices;
import io.vigil.config.LogPatternsConfig;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.PartitionedStage;
import io.vigil.kafka.TopicReader;
import io.vigil.logpatterns.LogGroupPatterns;
import io.vigil.logpatterns.PartitionPatterns;
import io.vigil.logpatterns.PatternOverflow;
import io.vigil.logpatterns.PatternSummary;
import io.vigil.model.Anomaly;
import io.vigil.model.LogEvent;
import io.vigil.model.MetricPoint;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log-patterns stage: reads {@code vigil.log-events} (keyed by log group) in its consumer group,
 * mines each group's lines, writes each closed minute's template counts to {@code vigil.points} (keyed
 * by series, so detection scores them) and the templates' summaries to the compacted
 * {@code vigil.log-patterns}, and a template first seen after a group's warm-up as an anomaly to
 * {@code vigil.anomalies} (detector {@code new-pattern}); each group's miner and counts are
 * checkpointed, and the groups at their template cap are reported to a {@link PatternOverflow}.
 */
public final class LogPatternsVerticle extends VerticleBase implements PartitionedStage.Logic<PartitionPatterns> {

  private static final Logger LOG = LoggerFactory.getLogger(LogPatternsVerticle.class);
  static final String STAGE = "log-patterns";

  private final KafkaEndpoint kafka;
  private final LogPatternsConfig config;
  private final LogGroupServices services;
  private final Clock clock;
  private final PatternOverflow overflow;
  private PartitionedStage<PartitionPatterns> stage;

  public LogPatternsVerticle(KafkaEndpoint kafka, LogPatternsConfig config, LogGroupServices services, Clock clock) {
    this(kafka, config, services, clock, new PatternOverflow());
  }

  public LogPatternsVerticle(KafkaEndpoint kafka, LogPatternsConfig config, LogGroupServices services, Clock clock, PatternOverflow overflow) {
    this.overflow = overflow;
    this.kafka = kafka;
    this.config = config;
    this.services = services;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    stage = new PartitionedStage<>(vertx, kafka,
        new PartitionedStage.Topology(STAGE, Topics.LOG_EVENTS, Topics.LOG_PATTERN_CHECKPOINTS), this);
    return stage.start(config.checkpointIntervalSeconds() * 1000L);
  }

  @Override
  public Future<?> stop() {
    return stage.stop();
  }

  @Override
  public PartitionPatterns restore(int partition, TopicReader reader) {
    PartitionPatterns patterns = fresh(partition);
    try {
      patterns.restore(reader.latestByKey(Topics.LOG_PATTERN_CHECKPOINTS, partition).values());
    } catch (RuntimeException e) {
      LOG.warn("log-patterns: partition {} has an unreadable checkpoint and starts afresh: {}", partition, e.getMessage());
      return fresh(partition);
    }
    LOG.info("log-patterns: partition {} restored {} log groups from checkpoints", partition, patterns.groupCount());
    return patterns;
  }

  @Override
  public PartitionPatterns fresh(int partition) {
    return new PartitionPatterns(config, services);
  }

  @Override
  public void process(PartitionPatterns patterns, KafkaConsumerRecord<String, JsonObject> record, PartitionedStage.Output out) {
    LogEvent event;
    try {
      event = Wire.logEvent(record.value());
    } catch (RuntimeException e) {
      LOG.warn("log-patterns: skipping an unreadable log event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    send(patterns.accept(event, clock.millis()), out);
  }

  @Override
  public void tick(PartitionPatterns patterns, PartitionedStage.Output out) {
    send(patterns.tick(clock.millis()), out);
    overflow.report(patterns.saturatedGroups());
  }

  private static void send(LogGroupPatterns.Output produced, PartitionedStage.Output out) {
    for (MetricPoint point : produced.points()) {
      out.send(Topics.POINTS, point.series().id(), Wire.point(point));
    }
    for (PatternSummary summary : produced.summaries()) {
      out.send(Topics.LOG_PATTERNS, summary.key(), summary.toJson());
    }
    for (Anomaly anomaly : produced.newPatterns()) {
      out.send(Topics.ANOMALIES, anomaly.seriesId(), Wire.anomaly(anomaly));
    }
  }

  @Override
  public List<PartitionedStage.Checkpoint> checkpoint(int partition, PartitionPatterns patterns) {
    return patterns.changedSinceLastCheckpoint().entrySet().stream()
        .map(entry -> new PartitionedStage.Checkpoint(entry.getKey(), entry.getValue()))
        .toList();
  }

  @Override
  public void unsaved(PartitionPatterns patterns, List<PartitionedStage.Checkpoint> checkpoints) {
    patterns.unsaved(checkpoints.stream().map(PartitionedStage.Checkpoint::key).toList());
  }
}
