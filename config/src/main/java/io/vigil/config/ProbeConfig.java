package io.vigil.config;

import java.net.URI;
import java.util.Locale;

/**
 * One synthetic probe: a check run every interval whose availability and latency become a series.
 *
 * @param url {@code http(s)://...}, {@code postgresql://user:password@host:port/db},
 *     {@code redis://[:password@]host:port}, or {@code tcp://host:port}
 * @param expectStatus HTTP status that counts as up; 0 for any 2xx or 3xx
 * @param bodyContains text the HTTP body must contain, or empty
 */
public record ProbeConfig(String name, Type type, String url, int intervalSeconds, int timeoutMillis, int expectStatus, String bodyContains) {

  /** What a probe checks. */
  public enum Type {
    HTTP, POSTGRES, REDIS, TCP;

    /** The lower-case name used in configuration and as the ProbeType dimension. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static ProbeConfig from(ConfigSection section) {
    String name = section.nonEmptyString("name").trim();
    String typeName = section.nonEmptyString("type").trim();
    Type type;
    try {
      type = Type.valueOf(typeName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(section.keyOf("type"), "must be one of http, postgres, redis, tcp, was \"" + typeName + "\"");
    }
    String url = section.nonEmptyString("url").trim();
    checkUrl(section.keyOf("url"), type, url);
    int interval = section.integer("intervalSeconds", 1, 3600);
    int timeout = section.integer("timeoutMillis", 10, 300_000);
    int expectStatus = section.integer("expectStatus", 0, 599);
    if (expectStatus != 0 && expectStatus < 100) {
      throw new ConfigException(section.keyOf("expectStatus"), "must be 0 (any 2xx or 3xx) or an HTTP status from 100 to 599, was " + expectStatus);
    }
    String body = section.string("bodyContains");
    if (type != Type.HTTP && !body.isEmpty()) {
      throw new ConfigException(section.keyOf("bodyContains"), "applies to http probes only");
    }
    section.finish();
    return new ProbeConfig(name, type, url, interval, timeout, expectStatus, body);
  }

  private static void checkUrl(String key, Type type, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, "is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String expected = switch (type) {
      case HTTP -> scheme.equals("http") || scheme.equals("https") ? null : "http:// or https://";
      case POSTGRES -> scheme.equals("postgresql") || scheme.equals("postgres") ? null : "postgresql://";
      case REDIS -> scheme.equals("redis") || scheme.equals("rediss") ? null : "redis:// or rediss://";
      case TCP -> scheme.equals("tcp") ? null : "tcp://";
    };
    if (expected != null) {
      throw new ConfigException(key, "must start with " + expected + " for a " + type.label() + " probe, was \"" + url + "\"");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new ConfigException(key, "must name a host, was \"" + url + "\"");
    }
    if (type == Type.TCP && uri.getPort() < 1) {
      throw new ConfigException(key, "must name a port (tcp://host:port), was \"" + url + "\"");
    }
  }
}
