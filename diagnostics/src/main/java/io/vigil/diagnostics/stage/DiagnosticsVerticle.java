package io.vigil.diagnostics.stage;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vigil.config.DiagnosticsConfig;
import io.vigil.config.LogGroupServices;
import io.vigil.config.Signature;
import io.vigil.diagnostics.Diagnosis;
import io.vigil.diagnostics.DiagnosisBook;
import io.vigil.diagnostics.EvidenceItem;
import io.vigil.diagnostics.SignatureMatcher;
import io.vigil.kafka.KafkaEndpoint;
import io.vigil.kafka.PartitionedStage;
import io.vigil.kafka.TopicReader;
import io.vigil.model.Anomaly;
import io.vigil.model.DeploymentEvent;
import io.vigil.model.LogEvent;
import io.vigil.model.Topics;
import io.vigil.model.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One input of diagnostics: {@code vigil.log-events} (keyed by log group; the service from
 * {@link LogGroupServices}), {@code vigil.deployment-events} (keyed by service) or
 * {@code vigil.anomalies} (keyed by series; the anomaly names its service), for the catalog's metric
 * conditions. Each record that
 * shows a catalog signature updates that diagnosis in its partition's {@link DiagnosisBook}, which
 * is written at once to the compacted {@code vigil.diagnostics}; the books are checkpointed to
 * {@code vigil.diagnostic-checkpoints} (keys prefixed by the input, both inputs sharing the topic).
 */
public final class DiagnosticsVerticle extends VerticleBase implements PartitionedStage.Logic<DiagnosisBook> {

  private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsVerticle.class);

  /** What the stage reads; each is its own consumer group. */
  public enum Input {
    LOGS("diagnostics-logs", Topics.LOG_EVENTS),
    DEPLOYMENT_EVENTS("diagnostics-events", Topics.DEPLOYMENT_EVENTS),
    /** For the catalog's metric conditions: anomalies, keyed by series. */
    ANOMALIES("diagnostics-anomalies", Topics.ANOMALIES);

    final String stage;
    final String topic;

    Input(String stage, String topic) {
      this.stage = stage;
      this.topic = topic;
    }
  }

  private final KafkaEndpoint kafka;
  private final DiagnosticsConfig config;
  private final LogGroupServices logGroups;
  private final Input input;
  private final SignatureMatcher matcher;
  private PartitionedStage<DiagnosisBook> stage;

  public DiagnosticsVerticle(KafkaEndpoint kafka, DiagnosticsConfig config, LogGroupServices logGroups, int maxLineChars, Input input) {
    this.kafka = kafka;
    this.config = config;
    this.logGroups = logGroups;
    this.input = input;
    this.matcher = new SignatureMatcher(config.catalog(), maxLineChars);
  }

  @Override
  public Future<?> start() {
    stage = new PartitionedStage<>(vertx, kafka, new PartitionedStage.Topology(input.stage, input.topic, Topics.DIAGNOSTIC_CHECKPOINTS), this);
    return stage.start(config.checkpointIntervalSeconds() * 1000L);
  }

  @Override
  public Future<?> stop() {
    return stage.stop();
  }

  @Override
  public DiagnosisBook restore(int partition, TopicReader reader) {
    DiagnosisBook book = fresh(partition);
    String prefix = input.stage + " ";
    List<JsonObject> checkpoints = new ArrayList<>();
    reader.latestByKey(Topics.DIAGNOSTIC_CHECKPOINTS, partition).forEach((key, value) -> {
      if (key.startsWith(prefix) && value != null) {
        checkpoints.add(value);
      }
    });
    try {
      book.restore(checkpoints);
    } catch (RuntimeException e) {
      LOG.warn("{}: partition {} has an unreadable checkpoint and starts afresh: {}", input.stage, partition, e.getMessage());
      return fresh(partition);
    }
    LOG.info("{}: partition {} restored {} diagnoses from checkpoints", input.stage, partition, book.size());
    return book;
  }

  @Override
  public DiagnosisBook fresh(int partition) {
    return new DiagnosisBook(config.maxEvidence());
  }

  @Override
  public void process(DiagnosisBook book, KafkaConsumerRecord<String, JsonObject> record, PartitionedStage.Output out) {
    try {
      switch (input) {
        case LOGS -> processLog(book, Wire.logEvent(record.value()), out);
        case DEPLOYMENT_EVENTS -> processEvent(book, Wire.deploymentEvent(record.value()), out);
        case ANOMALIES -> processAnomaly(book, Wire.anomaly(record.value()), out);
      }
    } catch (RuntimeException e) {
      LOG.warn("{}: skipping an unreadable record at {}-{}@{}: {}", input.stage, record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  private void processLog(DiagnosisBook book, LogEvent event, PartitionedStage.Output out) {
    List<Signature> found = matcher.matchLog(event.message());
    if (found.isEmpty()) {
      return;
    }
    Optional<String> service = logGroups.serviceOf(event.logGroup(), event.message());
    if (service.isEmpty()) {
      return;
    }
    EvidenceItem item = new EvidenceItem("logs", event.eventId(), event.timestampMillis(), event.logGroup() + ": " + event.message());
    for (Signature signature : found) {
      write(book.record(service.get(), "logs:" + event.logGroup(), signature, item, ""), out);
    }
  }

  private void processEvent(DiagnosisBook book, DeploymentEvent event, PartitionedStage.Output out) {
    List<Signature> found = matcher.matchEvent(event);
    if (found.isEmpty()) {
      return;
    }
    String text = (event.status() + " " + event.resource()).trim() + ": " + event.reason();
    EvidenceItem item = new EvidenceItem(event.source(), event.eventId(), event.timestampMillis(), text);
    for (Signature signature : found) {
      write(book.record(event.service(), "events", signature, item, event.deploymentId()), out);
    }
  }

  private void processAnomaly(DiagnosisBook book, Anomaly anomaly, PartitionedStage.Output out) {
    if (anomaly.service().isEmpty()) {
      return;
    }
    List<Signature> found = matcher.matchAnomaly(anomaly.series().metric(), anomaly.value());
    if (found.isEmpty()) {
      return;
    }
    String text = String.format(java.util.Locale.ROOT, "%s %s = %s (expected %s to %s, %s)", anomaly.series().namespace(), anomaly.series().metric(),
        number(anomaly.value()), number(anomaly.lower()), number(anomaly.upper()), anomaly.severity().wireName());
    EvidenceItem item = new EvidenceItem("anomalies", anomaly.id(), anomaly.timestampMillis(), text);
    for (Signature signature : found) {
      // Per series: a service's anomalies are spread over partitions, and each origin belongs to one.
      write(book.record(anomaly.service(), "anomalies:" + anomaly.seriesId(), signature, item, ""), out);
    }
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.2f", value);
  }

  private static void write(Diagnosis diagnosis, PartitionedStage.Output out) {
    out.send(Topics.DIAGNOSTICS, diagnosis.key(), diagnosis.toJson());
  }

  @Override
  public List<PartitionedStage.Checkpoint> checkpoint(int partition, DiagnosisBook book) {
    List<PartitionedStage.Checkpoint> checkpoints = new ArrayList<>();
    for (Map.Entry<String, JsonObject> changed : book.changedSinceLastCheckpoint().entrySet()) {
      checkpoints.add(new PartitionedStage.Checkpoint(input.stage + " " + changed.getKey(), changed.getValue()));
    }
    return checkpoints;
  }

  @Override
  public void unsaved(DiagnosisBook book, List<PartitionedStage.Checkpoint> checkpoints) {
    String prefix = input.stage + " ";
    book.unsaved(PartitionedStage.Checkpoint.keys(checkpoints).stream().map(key -> key.substring(prefix.length())).toList());
  }
}
