package io.vigil.config;

/**
 * What one WebSocket client of {@code /api/v1/stream} may ask of the server.
 *
 * @param maxSubscriptions subscriptions one connection may hold; further ones are refused
 * @param maxMessageBytes the largest message (and frame) a client may send; larger ones close the connection
 */
public record StreamLimits(int maxSubscriptions, int maxMessageBytes) {

  /** The values of vigil-defaults.yaml, for servers built without a loaded configuration. */
  public static final StreamLimits DEFAULTS = new StreamLimits(100, 65_536);

  public StreamLimits {
    if (maxSubscriptions < 1 || maxMessageBytes < 1) {
      throw new IllegalArgumentException("maxSubscriptions and maxMessageBytes must be >= 1");
    }
  }

  static StreamLimits from(ConfigSection http) {
    return new StreamLimits(
        http.integer("maxStreamSubscriptions", 1, 100_000),
        http.integer("maxStreamMessageBytes", 1024, 16 * 1024 * 1024));
  }
}
