package io.vigil.testing;

import io.vigil.model.Anomaly;
import io.vigil.model.SeriesKey;
import io.vigil.model.Severity;
import java.util.Map;

/** Anomalies of an ECS service's metric in the prod cluster, as the detection stage would write them. */
public final class TestAnomalies {

  private TestAnomalies() {}

  public static Anomaly of(String service, String metric, long timestampMillis, double score, Severity severity) {
    SeriesKey series = SeriesKey.of("AWS/ECS", metric, Map.of("ServiceName", service, "ClusterName", "prod"));
    return new Anomaly(Anomaly.idFor(series.id(), timestampMillis), series, service, timestampMillis, 100.0, score, 1.0, 2.0,
        severity, "level");
  }
}
