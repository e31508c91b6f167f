package io.vigil.model;

/** Event-bus addresses, in one place. Messages are the JSON forms of {@link Wire}. */
public final class Addresses {

  /** Published once for every new anomaly, for live subscribers (WebSocket, later alerting views). */
  public static final String STREAM_ANOMALIES = "vigil.stream.anomalies";

  /** Published for every scored point; the series id is in the message's {@code seriesId} field. */
  public static final String STREAM_POINTS = "vigil.stream.points";

  private Addresses() {}
}
