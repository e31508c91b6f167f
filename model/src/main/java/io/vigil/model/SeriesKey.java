package io.vigil.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The identity of a series, as CloudWatch defines it: namespace, metric name and the sorted set of
 * dimensions. Its {@link #id()} is the Kafka key, so one series always lands on one partition.
 *
 * <p>A value class rather than a record only so that it can keep its id: the id is a SHA-256, and
 * listing, sorting and routing ask for it many times per key. Immutable and thread-safe.
 */
public final class SeriesKey {

  private static final int ID_HEX_DIGITS = 16;

  private final String namespace;
  private final String metric;
  private final SortedMap<String, String> dimensions;
  /** Computed on first use; a race computes the same string twice, which is harmless. */
  private String id;

  public SeriesKey(String namespace, String metric, SortedMap<String, String> dimensions) {
    if (namespace == null || namespace.isEmpty()) {
      throw new IllegalArgumentException("namespace must not be empty");
    }
    if (metric == null || metric.isEmpty()) {
      throw new IllegalArgumentException("metric must not be empty");
    }
    this.namespace = namespace;
    this.metric = metric;
    this.dimensions = Collections.unmodifiableSortedMap(new TreeMap<>(dimensions == null ? Map.of() : dimensions));
  }

  public static SeriesKey of(String namespace, String metric, Map<String, String> dimensions) {
    return new SeriesKey(namespace, metric, new TreeMap<>(dimensions));
  }

  /**
   * A key read back from a form Vigil wrote with its id beside it (a point on Kafka): the id is
   * taken as written, so a reader does not hash every point's key again. An id not of the
   * {@link #id()} shape is ignored and computed.
   */
  public static SeriesKey withId(String namespace, String metric, SortedMap<String, String> dimensions, String writtenId) {
    SeriesKey key = new SeriesKey(namespace, metric, dimensions);
    if (isIdShaped(writtenId)) {
      key.id = writtenId;
    }
    return key;
  }

  /** Whether {@code text} has the shape of an id: {@code s-} and 16 lower-case hex digits. */
  static boolean isIdShaped(String text) {
    if (text == null || text.length() != 2 + ID_HEX_DIGITS || !text.startsWith("s-")) {
      return false;
    }
    for (int i = 2; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  public String namespace() {
    return namespace;
  }

  public String metric() {
    return metric;
  }

  public SortedMap<String, String> dimensions() {
    return dimensions;
  }

  /** Human-readable canonical form, e.g. {@code AWS/ECS:CPUUtilization{ClusterName=prod,ServiceName=api}}. */
  public String canonical() {
    StringBuilder text = new StringBuilder(namespace).append(':').append(metric).append('{');
    boolean first = true;
    for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
      if (!first) {
        text.append(',');
      }
      text.append(dimension.getKey()).append('=').append(dimension.getValue());
      first = false;
    }
    return text.append('}').toString();
  }

  /**
   * A stable, URL-safe id: {@code s-} and the first 16 hex digits of the SHA-256 of an unambiguous
   * encoding (every part length-prefixed, so no separator inside a name can make two keys collide).
   */
  public String id() {
    String known = id;
    if (known == null) {
      known = computeId();
      id = known;
    }
    return known;
  }

  private String computeId() {
    StringBuilder encoded = new StringBuilder();
    appendPart(encoded, namespace);
    appendPart(encoded, metric);
    dimensions.forEach((name, value) -> {
      appendPart(encoded, name);
      appendPart(encoded, value);
    });
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(encoded.toString().getBytes(StandardCharsets.UTF_8));
      return "s-" + HexFormat.of().formatHex(digest, 0, ID_HEX_DIGITS / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static void appendPart(StringBuilder encoded, String part) {
    encoded.append(part.length()).append(':').append(part);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SeriesKey key && namespace.equals(key.namespace) && metric.equals(key.metric) && dimensions.equals(key.dimensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, metric, dimensions);
  }

  @Override
  public String toString() {
    return "SeriesKey[namespace=" + namespace + ", metric=" + metric + ", dimensions=" + dimensions + "]";
  }
}
