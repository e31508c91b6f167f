package io.vigil.model;

/** Event-bus addresses, in one place. Messages are the JSON forms of {@link Wire}. */
public final class Addresses {

  /** Published once for every new anomaly, for live subscribers (WebSocket, later alerting views). */
  public static final String STREAM_ANOMALIES = "vigil.stream.anomalies";

  /** Published for every scored point; the series id is in the message's {@code seriesId} field. */
  public static final String STREAM_POINTS = "vigil.stream.points";

  /** Published for every change of a service's health; the message is its {@code vigil.health} record. */
  public static final String STREAM_HEALTH = "vigil.stream.health";

  /** Published for every change of a recommendation; the message is its {@code vigil.recommendations} record. */
  public static final String STREAM_RECOMMENDATIONS = "vigil.stream.recommendations";

  /** Published for every change of a deployment; the message is its summary (no per-metric evidence). */
  public static final String STREAM_DEPLOYMENTS = "vigil.stream.deployments";

  /** Published for every change of an insight; the message is its summary (no timeline, causes without evidence). */
  public static final String STREAM_INSIGHTS = "vigil.stream.insights";

  /** Published for every alert notification routed to a dashboard ("websocket") receiver. */
  public static final String STREAM_ALERTS = "vigil.stream.alerts";

  /** Local request/reply address of the alerting stage's API (subscriptions, silences, alerts). */
  public static final String ALERTING_API = "vigil.alerting.api";

  /** Local request/reply address of the delivery stage's API (deliveries). */
  public static final String DELIVERIES_API = "vigil.alerting.deliveries";

  private Addresses() {}
}
