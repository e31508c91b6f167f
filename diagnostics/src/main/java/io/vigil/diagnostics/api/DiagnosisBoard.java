package io.vigil.diagnostics.api;

import io.vigil.diagnostics.Diagnosis;
import io.vigil.diagnostics.DiagnosisRanking;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The newest record of every diagnosis key, written by the view verticle, read by the routes: a
 * service's diagnoses are its records seen since a time, merged across origins and ranked.
 */
public final class DiagnosisBoard {

  private final ConcurrentMap<String, Diagnosis> records = new ConcurrentHashMap<>();
  private final int maxEvidence;

  public DiagnosisBoard(int maxEvidence) {
    this.maxEvidence = maxEvidence;
  }

  public void put(Diagnosis diagnosis) {
    records.put(diagnosis.key(), diagnosis);
  }

  /** {@code service}'s diagnoses last seen at or after {@code sinceMillis}, one per signature, ranked. */
  public List<Diagnosis> forService(String service, long sinceMillis) {
    Map<String, Diagnosis> bySignature = new LinkedHashMap<>();
    for (Diagnosis record : records.values()) {
      if (record.service().equals(service) && record.lastSeenMillis() >= sinceMillis) {
        bySignature.merge(record.signature(), record, (a, b) -> a.merge(b, maxEvidence));
      }
    }
    List<Diagnosis> ranked = new ArrayList<>();
    for (Diagnosis merged : bySignature.values()) {
      ranked.add(merged.acrossOrigins());
    }
    ranked.sort(DiagnosisRanking.ORDER);
    return ranked;
  }

  /** Every service with a diagnosis last seen at or after {@code sinceMillis}, by name. */
  public List<String> services(long sinceMillis) {
    TreeSet<String> services = new TreeSet<>();
    records.values().stream().filter(record -> record.lastSeenMillis() >= sinceMillis).forEach(record -> services.add(record.service()));
    return List.copyOf(services);
  }
}
