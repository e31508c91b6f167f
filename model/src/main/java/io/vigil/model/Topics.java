package io.vigil.model;

import java.util.List;

/**
 * The Kafka topics of the pipeline, in one place. Every data topic is keyed by series id (log
 * events by log group), so one key always lands on one partition.
 *
 * <ul>
 *   <li>{@link #POINTS}: ingested metric points, key series id, value {@link Wire#point}.
 *   <li>{@link #LOG_EVENTS}: ingested log events, key log group, value {@link Wire#logEvent}.
 *   <li>{@link #SCORES}: every point after detection, key series id, value {@link Wire#scoredPoint}.
 *   <li>{@link #ANOMALIES}: anomalous points, key series id, value {@link Wire#anomaly}.
 *   <li>{@link #DETECTOR_CHECKPOINTS}: compacted; key series id, value the series' detector state and
 *       the input offset it reflects. Same partition count as {@link #POINTS}, so partition p here
 *       holds exactly the series of partition p there.
 *   <li>{@link #ALERT_COMMANDS}: changes to alerts asked for through any process's API (an ack), key
 *       series id. Same partition count as {@link #ANOMALIES}, so the alerting group member that owns
 *       partition p of the anomalies, and with it their alerts, also receives partition p here.
 * </ul>
 */
public final class Topics {

  public static final String POINTS = "vigil.points";
  public static final String LOG_EVENTS = "vigil.log-events";
  public static final String SCORES = "vigil.scores";
  public static final String ANOMALIES = "vigil.anomalies";
  public static final String DETECTOR_CHECKPOINTS = "vigil.detector-checkpoints";

  // Alerting: alert state, group state, subscriptions, silences and feedback are compacted
  // (key: fingerprint, group key, name, silence id, feedback id); the outbox holds notifications
  // written before they are sent (key group key); dead letters are notifications given up on.
  public static final String ALERTS = "vigil.alerts";
  public static final String ALERT_GROUPS = "vigil.alert-groups";
  public static final String SUBSCRIPTIONS = "vigil.subscriptions";
  public static final String SILENCES = "vigil.silences";
  public static final String FEEDBACK = "vigil.feedback";
  public static final String OUTBOX = "vigil.outbox";
  public static final String DEAD_LETTERS = "vigil.dead-letters";
  public static final String ALERT_COMMANDS = "vigil.alert-commands";

  // Health: per-series (and per-log-group) signals keyed by service (so one service's signals meet
  // on one partition); each service's health, compacted, keyed by service; each insight, compacted,
  // keyed by insight id; the checkpoints of the three health stages.
  public static final String HEALTH_SIGNALS = "vigil.health-signals";
  public static final String HEALTH = "vigil.health";
  public static final String INSIGHTS = "vigil.insights";
  public static final String HEALTH_SIGNAL_CHECKPOINTS = "vigil.health-signal-checkpoints";
  public static final String HEALTH_LOG_CHECKPOINTS = "vigil.health-log-checkpoints";
  public static final String HEALTH_CHECKPOINTS = "vigil.health-checkpoints";

  // Recommendations: ECS usage samples and kills for memory keyed by service (so one service's
  // inputs meet on one partition); the recommendations, compacted, keyed by recommendation id; the
  // recommender's checkpoints; and each applied recommendation's previous task definition, kept
  // for its rollback, compacted, keyed by recommendation id.
  public static final String RECOMMENDATION_INPUTS = "vigil.recommendation-inputs";
  public static final String RECOMMENDATIONS = "vigil.recommendations";
  public static final String RECOMMENDATION_CHECKPOINTS = "vigil.recommendation-checkpoints";
  public static final String RECOMMENDATION_ACTIONS = "vigil.recommendation-actions";

  // Log patterns: each log group's templates (compacted, key <log group> <pattern id>, value the
  // pattern's summary) and the log-patterns stage's checkpoints (key log group).
  public static final String LOG_PATTERNS = "vigil.log-patterns";
  public static final String LOG_PATTERN_CHECKPOINTS = "vigil.log-pattern-checkpoints";

  // Deployments: what every source saw of each rollout (key service, value
  // Wire#deploymentEvent); each deployment with its phases, verdict and actions, compacted, key
  // deployment id; the configuration each one replaced, compacted, key deployment id; the
  // deployments stage's checkpoints (key service); and the stage's inputs (the events, the values of
  // the service's metrics, its diagnostics), keyed by service so one service's inputs meet on one
  // partition.
  public static final String DEPLOYMENT_EVENTS = "vigil.deployment-events";
  public static final String DEPLOYMENT_INPUTS = "vigil.deployment-inputs";
  public static final String DEPLOYMENTS = "vigil.deployments";
  public static final String DEPLOYMENT_SNAPSHOTS = "vigil.deployment-snapshots";
  public static final String DEPLOYMENT_CHECKPOINTS = "vigil.deployment-checkpoints";

  // Diagnostics: each recognised failure signature seen for a service (compacted, key
  // <service> <signature>, followed by " <origin>" when written by the diagnostics stage: see
  // io.vigil.diagnostics), with its evidence and remediation; and the checkpoints of the stage's
  // two inputs (log events, deployment events), one topic, keys prefixed by the input.
  public static final String DIAGNOSTICS = "vigil.diagnostics";
  public static final String DIAGNOSTIC_CHECKPOINTS = "vigil.diagnostic-checkpoints";

  // Sources: where each pulling source got to (key <source>/<item>, value its cursor),
  // written in the same transaction as the data it covers.
  public static final String SOURCE_CURSORS = "vigil.source-cursors";

  /**
   * Every write made through the API (who, what, when, the request id, the object before and
   * after, secrets masked), key the object it changed. Kept like the data topics.
   */
  public static final String AUDIT = "vigil.audit";

  /**
   * One partition, never written: a job that must run on one process at a time (a pulling source,
   * the probes, the demo) runs where its consumer group {@code <prefix>-lease-<job>} assigns it.
   */
  public static final String LEASES = "vigil.leases";

  /** Topics that keep every record until retention removes it. */
  public static final List<String> DATA_TOPICS = List.of(POINTS, LOG_EVENTS, SCORES, ANOMALIES, OUTBOX, DEAD_LETTERS, ALERT_COMMANDS, AUDIT,
      HEALTH_SIGNALS, RECOMMENDATION_INPUTS, DEPLOYMENT_EVENTS, DEPLOYMENT_INPUTS);

  /** Topics that keep the newest record per key. */
  public static final List<String> COMPACTED_TOPICS = List.of(DETECTOR_CHECKPOINTS, ALERTS, ALERT_GROUPS, SUBSCRIPTIONS, SILENCES, FEEDBACK, SOURCE_CURSORS,
      HEALTH, HEALTH_SIGNAL_CHECKPOINTS, HEALTH_LOG_CHECKPOINTS, HEALTH_CHECKPOINTS, RECOMMENDATIONS, RECOMMENDATION_CHECKPOINTS,
      RECOMMENDATION_ACTIONS, LOG_PATTERNS, LOG_PATTERN_CHECKPOINTS, DEPLOYMENTS, DEPLOYMENT_SNAPSHOTS,
      DEPLOYMENT_CHECKPOINTS, DIAGNOSTICS, DIAGNOSTIC_CHECKPOINTS);

  /**
   * Topics that keep the newest record per key, but only for the data topics' retention: closed
   * insights are history, not state, and would otherwise pile up for ever.
   */
  public static final List<String> EXPIRING_COMPACTED_TOPICS = List.of(INSIGHTS);

  private Topics() {}
}
