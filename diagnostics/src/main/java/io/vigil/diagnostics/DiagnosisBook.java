package io.vigil.diagnostics;

import io.vertx.core.json.JsonObject;
import io.vigil.config.Signature;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One input partition's diagnoses, by {@link Diagnosis#key()}: each sighting updates its
 * diagnosis and returns it, to be written at once; the changed ones are checkpointed. Not
 * thread-safe: one book belongs to one partition on one event loop.
 */
public final class DiagnosisBook {

  private final int maxEvidence;
  private final Map<String, Diagnosis> diagnoses = new HashMap<>();
  private final Set<String> changed = new HashSet<>();

  public DiagnosisBook(int maxEvidence) {
    this.maxEvidence = maxEvidence;
  }

  /** Records one sighting of {@code signature}; the diagnosis as it now stands. */
  public Diagnosis record(String service, String origin, Signature signature, EvidenceItem item, String deploymentId) {
    Diagnosis first = Diagnosis.first(service, origin, signature, item, deploymentId);
    Diagnosis known = diagnoses.get(first.key());
    Diagnosis now = known == null ? first : known.seenAgain(signature, item, deploymentId, maxEvidence);
    diagnoses.put(now.key(), now);
    changed.add(now.key());
    return now;
  }

  public void restore(Collection<JsonObject> checkpoints) {
    for (JsonObject checkpoint : checkpoints) {
      Diagnosis diagnosis = Diagnosis.fromJson(checkpoint);
      diagnoses.put(diagnosis.key(), diagnosis);
    }
  }

  /** The diagnoses changed since the last call, by key; they count as saved from now on. */
  public Map<String, JsonObject> changedSinceLastCheckpoint() {
    Map<String, JsonObject> out = new HashMap<>();
    changed.forEach(key -> out.put(key, diagnoses.get(key).toJson()));
    changed.clear();
    return out;
  }

  /** Saving these failed: offer them again at the next checkpoint. */
  public void unsaved(Collection<String> keys) {
    keys.stream().filter(diagnoses::containsKey).forEach(changed::add);
  }

  public int size() {
    return diagnoses.size();
  }
}
