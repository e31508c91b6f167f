package io.vigil.config;

/** The HTTP server and the limits of its push endpoints. */
public record HttpConfig(
    String host,
    int port,
    long bodyLimitBytes,
    int maxPointsPerRequest,
    int maxLogEventsPerRequest,
    long maxFutureSkewSeconds) {

  static HttpConfig from(ConfigSection section) {
    HttpConfig config = new HttpConfig(
        section.nonEmptyString("host"),
        section.integer("port", 0, 65535),
        section.longValue("bodyLimitBytes", 1024, 256L * 1024 * 1024),
        section.integer("maxPointsPerRequest", 1, 1_000_000),
        section.integer("maxLogEventsPerRequest", 1, 1_000_000),
        section.longValue("maxFutureSkewSeconds", 0, 86_400));
    section.finish();
    return config;
  }
}
