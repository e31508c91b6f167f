package io.vigil.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP server, the limits of its push endpoints, and the names browsers may use to reach it.
 *
 * @param allowedOrigins origins ({@code https://vigil.example.com}) whose pages may write, besides Vigil's own
 * @param allowedHosts host names, without port, that Host headers and origins may carry besides the loopback names and {@code host}
 * @param connections timeouts and the per-address cap of every connection
 * @param stream what one WebSocket client of the stream may ask
 * @param eventLoops event loops serving HTTP, each with its own server on the one port (connections are
 *     dealt to them in turn); 0: one per core
 */
public record HttpConfig(
    String host,
    int port,
    long bodyLimitBytes,
    int maxPointsPerRequest,
    int maxLogEventsPerRequest,
    long maxFutureSkewSeconds,
    List<String> allowedOrigins,
    List<String> allowedHosts,
    ConnectionLimits connections,
    StreamLimits stream,
    int eventLoops) {

  public HttpConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedHosts = List.copyOf(allowedHosts);
    if (eventLoops < 0) {
      throw new IllegalArgumentException("eventLoops must be 0 (one per core) or more");
    }
  }

  /** One event loop per core. */
  public HttpConfig(String host, int port, long bodyLimitBytes, int maxPointsPerRequest, int maxLogEventsPerRequest,
      long maxFutureSkewSeconds, List<String> allowedOrigins, List<String> allowedHosts, ConnectionLimits connections, StreamLimits stream) {
    this(host, port, bodyLimitBytes, maxPointsPerRequest, maxLogEventsPerRequest, maxFutureSkewSeconds, allowedOrigins, allowedHosts,
        connections, stream, 0);
  }

  /** The default connection and stream limits. */
  public HttpConfig(String host, int port, long bodyLimitBytes, int maxPointsPerRequest, int maxLogEventsPerRequest,
      long maxFutureSkewSeconds, List<String> allowedOrigins, List<String> allowedHosts) {
    this(host, port, bodyLimitBytes, maxPointsPerRequest, maxLogEventsPerRequest, maxFutureSkewSeconds, allowedOrigins, allowedHosts,
        ConnectionLimits.DEFAULTS, StreamLimits.DEFAULTS);
  }

  /** No origins or host names allowed beyond Vigil's own; the default limits. */
  public HttpConfig(String host, int port, long bodyLimitBytes, int maxPointsPerRequest, int maxLogEventsPerRequest, long maxFutureSkewSeconds) {
    this(host, port, bodyLimitBytes, maxPointsPerRequest, maxLogEventsPerRequest, maxFutureSkewSeconds, List.of(), List.of());
  }

  static HttpConfig from(ConfigSection section) {
    HttpConfig config = new HttpConfig(
        section.nonEmptyString("host"),
        section.integer("port", 0, 65535),
        section.longValue("bodyLimitBytes", 1024, 256L * 1024 * 1024),
        section.integer("maxPointsPerRequest", 1, 1_000_000),
        section.integer("maxLogEventsPerRequest", 1, 1_000_000),
        section.longValue("maxFutureSkewSeconds", 0, 86_400),
        origins(section, "allowedOrigins"),
        hosts(section, "allowedHosts"),
        ConnectionLimits.from(section),
        StreamLimits.from(section),
        section.integer("eventLoops", 0, 64));
    section.finish();
    return config;
  }

  /** How many server instances, each on its own event loop, serve HTTP. */
  public int serverInstances() {
    return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
  }

  /** The same, served by {@code count} event loops (0: one per core). */
  public HttpConfig withEventLoops(int count) {
    return new HttpConfig(host, port, bodyLimitBytes, maxPointsPerRequest, maxLogEventsPerRequest, maxFutureSkewSeconds,
        allowedOrigins, allowedHosts, connections, stream, count);
  }

  /** Each origin as a browser sends it: lower-case {@code scheme://host[:port]}, nothing after. */
  private static List<String> origins(ConfigSection section, String key) {
    return section.strings(key).stream().map(origin -> {
      try {
        URI uri = new URI(origin);
        boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
        if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null
            && bare && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
          return origin.toLowerCase(Locale.ROOT);
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      throw new ConfigException(section.keyOf(key), "must be origins such as https://vigil.example.com or http://localhost:3000 (scheme, host, optional port, no path), has \"" + origin + "\"");
    }).toList();
  }

  /** Each host name without a port; an IPv6 address in brackets. */
  private static List<String> hosts(ConfigSection section, String key) {
    return section.strings(key).stream().map(host -> {
      boolean ipv6 = host.startsWith("[") && host.endsWith("]") && host.indexOf(']') == host.length() - 1;
      if (!host.contains("/") && !host.contains("@") && (ipv6 || !host.contains(":")) && !host.contains(" ")) {
        return host.toLowerCase(Locale.ROOT);
      }
      throw new ConfigException(section.keyOf(key), "must be host names without a port, such as vigil.example.com or [fd00::1], has \"" + host + "\"");
    }).toList();
  }
}
