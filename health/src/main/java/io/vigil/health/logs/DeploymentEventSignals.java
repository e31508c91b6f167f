package io.vigil.health.logs;

import io.vigil.config.Signature;
import io.vigil.config.SignatureCatalog;
import io.vigil.health.Evidence;
import io.vigil.health.LogMark;
import io.vigil.health.SeriesSignal;
import io.vigil.health.SignalKind;
import io.vigil.model.DeploymentEvent;
import java.util.Optional;

/**
 * The health signal a deployment event makes (from ECS, CloudFormation, the API): a rollout that
 * started is a {@code deployment}; a stopped task or service event that shows the catalog's
 * {@code memory-kill} is a kill for memory (137), one that shows {@code dependency-not-ready} a
 * refused connection (with its port when the reason gives it). The same signals as the log lines
 * make, so they take the same deductions and name the same probable causes; the signal's log mark
 * holds the event ({@code <source> events} in place of a log group).
 */
public final class DeploymentEventSignals {

  private final Signature memoryKill;
  private final Signature dependency;

  public DeploymentEventSignals(SignatureCatalog catalog) {
    this.memoryKill = required(catalog, "memory-kill");
    this.dependency = required(catalog, "dependency-not-ready");
  }

  private static Signature required(SignatureCatalog catalog, String id) {
    return catalog.signature(id).orElseThrow(() -> new IllegalStateException("the diagnostics catalog has no signature " + id));
  }

  public Optional<SeriesSignal> of(DeploymentEvent event) {
    if (event.kind() == DeploymentEvent.Kind.STARTED) {
      return Optional.of(signal(event, SignalKind.DEPLOYMENT, 1));
    }
    if (event.kind() == DeploymentEvent.Kind.COMPLETED) {
      return Optional.empty();
    }
    if (memoryKill.matchesEvent(event.source(), event.status(), event.reason())) {
      return Optional.of(signal(event, SignalKind.MEMORY_KILL, 137));
    }
    if (dependency.matchesEvent(event.source(), event.status(), event.reason())) {
      return Optional.of(signal(event, SignalKind.DEPENDENCY_REFUSED, LogSignature.port(event.reason())));
    }
    return Optional.empty();
  }

  private static SeriesSignal signal(DeploymentEvent event, SignalKind kind, double value) {
    String origin = event.source() + " events";
    String text = (event.status() + " " + event.resource()).trim() + ": " + event.reason();
    return new SeriesSignal(Evidence.LOG_SIGNAL_PREFIX + origin + ":" + kind.wireName() + ":" + event.service(), event.service(),
        "Events:" + kind.wireName(), kind, value, event.timestampMillis(), Optional.empty(), Optional.of(new LogMark(event.eventId(), origin, text)));
  }
}
