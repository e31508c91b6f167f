package io.vigil.model;

import java.util.List;

/**
 * Finds the service a series belongs to: the value of the first of the configured dimensions the
 * series has (by default ServiceName, then LoadBalancer, DBInstanceIdentifier, CacheClusterId).
 */
public final class ServiceResolver {

  public static final List<String> DEFAULT_DIMENSIONS =
      List.of("ServiceName", "LoadBalancer", "DBInstanceIdentifier", "CacheClusterId");

  private final List<String> dimensions;

  public ServiceResolver(List<String> dimensions) {
    this.dimensions = List.copyOf(dimensions);
  }

  /** The service of {@code series}, or the empty string when none of the dimensions is present. */
  public String serviceOf(SeriesKey series) {
    for (String dimension : dimensions) {
      String value = series.dimensions().get(dimension);
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return "";
  }
}
