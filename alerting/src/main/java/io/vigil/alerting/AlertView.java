package io.vigil.alerting;

import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every alert of every process, as last written to the compacted alerts topic (key fingerprint, a
 * null value deletes it). What the alerts API serves, whichever process owns an alert; the owner's
 * {@link AlertEvaluator} stays the authority, this is its read-back. Not thread-safe: one owner.
 */
public final class AlertView {

  private final Map<String, Alert> byFingerprint = new HashMap<>();

  /** Applies one record of the alerts topic; returns the alert it stored, if any. */
  public Optional<Alert> apply(String fingerprint, JsonObject value) {
    if (value == null) {
      byFingerprint.remove(fingerprint);
      return Optional.empty();
    }
    Alert alert = Alert.fromJson(value);
    byFingerprint.put(fingerprint, alert);
    return Optional.of(alert);
  }

  public Collection<Alert> alerts() {
    return Collections.unmodifiableCollection(byFingerprint.values());
  }

  /** The alert with this id or fingerprint. */
  public Optional<Alert> find(String idOrFingerprint) {
    Alert alert = byFingerprint.get(idOrFingerprint);
    if (alert != null) {
      return Optional.of(alert);
    }
    return byFingerprint.values().stream().filter(candidate -> candidate.id().equals(idOrFingerprint)).findFirst();
  }
}
