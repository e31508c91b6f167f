package io.vigil.config;

/**
 * What one HTTP connection may hold on the server: how long it may sit idle, how long it may take
 * to send a request's headers, and how many connections one remote address may keep open.
 *
 * @param idleTimeoutSeconds a connection with no bytes read or written for this long is closed; 0 never
 * @param headerTimeoutMillis a connection that has not sent a complete request head this long after
 *     opening, or after its last response, is closed (slow-header clients)
 * @param maxConnectionsPerAddress connections over this many from one remote address are closed at once
 */
public record ConnectionLimits(int idleTimeoutSeconds, long headerTimeoutMillis, int maxConnectionsPerAddress) {

  /** The values of vigil-defaults.yaml, for servers built without a loaded configuration. */
  public static final ConnectionLimits DEFAULTS = new ConnectionLimits(60, 10_000, 256);

  public ConnectionLimits {
    if (idleTimeoutSeconds < 0 || headerTimeoutMillis < 1 || maxConnectionsPerAddress < 1) {
      throw new IllegalArgumentException("idleTimeoutSeconds must be >= 0, headerTimeoutMillis and maxConnectionsPerAddress >= 1");
    }
  }

  static ConnectionLimits from(ConfigSection http) {
    return new ConnectionLimits(
        http.integer("idleTimeoutSeconds", 0, 86_400),
        http.longValue("headerTimeoutMillis", 100, 600_000),
        http.integer("maxConnectionsPerAddress", 1, 1_000_000));
  }
}
