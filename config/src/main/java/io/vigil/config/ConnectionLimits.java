package io.vigil.config;

/**
 * What one HTTP client may hold on the server: how long a connection may sit idle, how long it may
 * take to send a request's headers, how many connections one remote address may keep open, and how
 * many API requests one address may make a second.
 *
 * @param idleTimeoutSeconds a connection with no bytes read or written for this long is closed; 0 never
 * @param headerTimeoutMillis a connection that has not sent a complete request head this long after
 *     opening, or after its last response, is closed (slow-header clients)
 * @param maxConnectionsPerAddress connections over this many from one remote address are closed at once
 * @param requestsPerSecond {@code /api/v1} requests one remote address may make a second, on average
 *     ({@code requestBurst} at once); 0 sets no rate
 */
public record ConnectionLimits(int idleTimeoutSeconds, long headerTimeoutMillis, int maxConnectionsPerAddress,
    double requestsPerSecond, int requestBurst) {

  /** The values of vigil-defaults.yaml, for servers built without a loaded configuration. */
  public static final ConnectionLimits DEFAULTS = new ConnectionLimits(60, 10_000, 256, 0, 200);

  public ConnectionLimits {
    if (idleTimeoutSeconds < 0 || headerTimeoutMillis < 1 || maxConnectionsPerAddress < 1 || requestsPerSecond < 0 || requestBurst < 1) {
      throw new IllegalArgumentException("idleTimeoutSeconds and requestsPerSecond must be >= 0, headerTimeoutMillis, "
          + "maxConnectionsPerAddress and requestBurst >= 1");
    }
  }

  /** Limits with no request rate. */
  public ConnectionLimits(int idleTimeoutSeconds, long headerTimeoutMillis, int maxConnectionsPerAddress) {
    this(idleTimeoutSeconds, headerTimeoutMillis, maxConnectionsPerAddress, 0, 1);
  }

  public boolean limitsRequestRate() {
    return requestsPerSecond > 0;
  }

  static ConnectionLimits from(ConfigSection http) {
    return new ConnectionLimits(
        http.integer("idleTimeoutSeconds", 0, 86_400),
        http.longValue("headerTimeoutMillis", 100, 600_000),
        http.integer("maxConnectionsPerAddress", 1, 1_000_000),
        http.number("requestsPerSecond", 0, 1_000_000),
        http.integer("requestBurst", 1, 1_000_000));
  }
}
