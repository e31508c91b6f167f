package io.vigil.diagnostics;

import io.vigil.config.Signature;
import io.vigil.config.SignatureCatalog;
import io.vigil.model.DeploymentEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Which catalog signatures a log line, a deployment event or an anomaly shows. A line is cut to
 * {@code maxLineChars} before matching, so a huge line costs no more than a long one. A deployment
 * event that only starts or completes a rollout shows no failure; the others are matched by
 * {@link Signature#matchesEvent}: a CloudFormation event's status reason against
 * {@code stackReasons}, any other (ECS, the demo, an API announcement) against {@code ecsReasons}
 * and its containers' exit codes.
 */
public final class SignatureMatcher {

  private final SignatureCatalog catalog;
  private final int maxLineChars;

  public SignatureMatcher(SignatureCatalog catalog, int maxLineChars) {
    this.catalog = catalog;
    this.maxLineChars = maxLineChars;
  }

  /** The signatures {@code line} shows, in catalog order. */
  public List<Signature> matchLog(String line) {
    String text = line.length() > maxLineChars ? line.substring(0, maxLineChars) : line;
    List<Signature> found = new ArrayList<>();
    for (Signature signature : catalog.signatures()) {
      if (signature.matchesLog(text)) {
        found.add(signature);
      }
    }
    return found;
  }

  /** The signatures whose metric conditions an anomaly of {@code metric} at {@code value} meets, in catalog order. */
  public List<Signature> matchAnomaly(String metric, double value) {
    List<Signature> found = new ArrayList<>();
    for (Signature signature : catalog.signatures()) {
      if (signature.matchesMetric(metric, value)) {
        found.add(signature);
      }
    }
    return found;
  }

  /** The signatures {@code event} shows, in catalog order. */
  public List<Signature> matchEvent(DeploymentEvent event) {
    if (event.kind() == DeploymentEvent.Kind.STARTED || event.kind() == DeploymentEvent.Kind.COMPLETED) {
      return List.of();
    }
    List<Signature> found = new ArrayList<>();
    for (Signature signature : catalog.signatures()) {
      if (signature.matchesEvent(event.source(), event.status(), event.reason())) {
        found.add(signature);
      }
    }
    return found;
  }


}
