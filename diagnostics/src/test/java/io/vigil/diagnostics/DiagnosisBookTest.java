package io.vigil.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.SignatureCatalog;
import io.vigil.diagnostics.api.DiagnosisBoard;
import io.vigil.model.DeploymentEvent;
import io.vigil.model.DeploymentEvent.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matching, folding sightings into diagnoses, their round trip, merging across origins and ranking. */
class DiagnosisBookTest {

  private static final SignatureMatcher MATCHER = new SignatureMatcher(SignatureCatalog.shipped(), 2048);
  private static final long T0 = 1_796_000_000_000L;

  private static DeploymentEvent event(String id, Kind kind, String source, String status, String reason, long at) {
    return new DeploymentEvent(id, "dep-1", "api", kind, at, source, "", "", "", "res", status, reason);
  }

  @Test
  void linesAndEventsMatchTheirSignaturesAndStartsAndCompletionsMatchNothing() {
    assertThat(MATCHER.matchLog("INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)"))
        .extracting(signature -> signature.id()).containsExactly("bound-to-localhost");
    assertThat(MATCHER.matchLog("GET /orders 200 12ms")).isEmpty();
    assertThat(MATCHER.matchEvent(event("t1", Kind.TASK_FAILED, "ecs", "stopCode=EssentialContainerExited exitCode=137",
        "Essential container in task exited", T0))).extracting(signature -> signature.id()).containsExactly("memory-kill");
    assertThat(MATCHER.matchEvent(event("s1", Kind.FAILED, "cloudformation", "UPDATE_FAILED",
        "Encountered unsupported property AtRestEncryptionEnabled", T0))).extracting(signature -> signature.id())
        .containsExactly("cloudformation-unsupported-property");
    // A stack reason is not matched as an ECS reason, nor an ECS one as a stack reason.
    assertThat(MATCHER.matchEvent(event("s2", Kind.FAILED, "cloudformation", "exitCode=137", "", T0))).isEmpty();
    assertThat(MATCHER.matchEvent(event("c1", Kind.COMPLETED, "ecs", "exitCode=137", "OutOfMemoryError", T0))).isEmpty();
  }

  @Test
  void aLongLineIsMatchedOnItsFirstCharactersOnly() {
    SignatureMatcher short_ = new SignatureMatcher(SignatureCatalog.shipped(), 20);
    String line = "x".repeat(30) + " java.lang.OutOfMemoryError";
    assertThat(short_.matchLog(line)).isEmpty();
    assertThat(MATCHER.matchLog(line)).isNotEmpty();
  }

  @Test
  void sightingsFoldIntoOneDiagnosisWithBoundedNewestEvidenceAndRoundTrip() {
    DiagnosisBook book = new DiagnosisBook(2);
    var kill = SignatureCatalog.shipped().signature("memory-kill").orElseThrow();
    for (int i = 0; i < 4; i++) {
      book.record("api", "logs:/ecs/api", kill, new EvidenceItem("logs", "e" + i, T0 + i * 1000, "OutOfMemoryError " + i), "");
    }
    Diagnosis again = book.record("api", "logs:/ecs/api", kill, new EvidenceItem("logs", "e3", T0 + 3000, "OutOfMemoryError 3"), "");
    assertThat(again.count()).as("an event read twice counts once").isEqualTo(4);
    assertThat(again.evidence()).extracting(EvidenceItem::eventId).containsExactly("e3", "e2");
    assertThat(again.firstSeenMillis()).isEqualTo(T0);
    assertThat(again.lastSeenMillis()).isEqualTo(T0 + 3000);
    assertThat(again.steps().get(0)).contains("service=api");

    Map<String, io.vertx.core.json.JsonObject> saved = book.changedSinceLastCheckpoint();
    assertThat(saved).containsOnlyKeys("api memory-kill logs:/ecs/api");
    assertThat(book.changedSinceLastCheckpoint()).isEmpty();
    DiagnosisBook restored = new DiagnosisBook(2);
    restored.restore(saved.values());
    Diagnosis next = restored.record("api", "logs:/ecs/api", kill, new EvidenceItem("logs", "e9", T0 + 9000, "OOMKilled"), "");
    Diagnosis expected = book.record("api", "logs:/ecs/api", kill, new EvidenceItem("logs", "e9", T0 + 9000, "OOMKilled"), "");
    assertThat(next).isEqualTo(expected);
    assertThat(Diagnosis.fromJson(expected.toJson())).isEqualTo(expected);
  }

  @Test
  void theBoardMergesOriginsAndRanksBySeverityThenRecencyThenEvidence() {
    var catalog = SignatureCatalog.shipped();
    DiagnosisBoard board = new DiagnosisBoard(5);
    DiagnosisBook logs = new DiagnosisBook(5);
    DiagnosisBook events = new DiagnosisBook(5);
    var kill = catalog.signature("memory-kill").orElseThrow();
    var refused = catalog.signature("dependency-not-ready").orElseThrow();
    var iam = catalog.signature("iam-permission-missing").orElseThrow();
    board.put(logs.record("api", "logs:/ecs/api", kill, new EvidenceItem("logs", "l1", T0, "OutOfMemoryError"), ""));
    board.put(events.record("api", "events", kill, new EvidenceItem("ecs", "t1", T0 + 60_000, "exitCode=137"), "ecs-svc/9"));
    for (int i = 0; i < 3; i++) {
      board.put(logs.record("api", "logs:/ecs/api", refused, new EvidenceItem("logs", "r" + i, T0 + i, "connection refused"), ""));
    }
    // Warning, newest of all: still after the critical ones.
    board.put(logs.record("api", "logs:/ecs/api", iam, new EvidenceItem("logs", "i1", T0 + 120_000, "AccessDenied"), ""));
    board.put(logs.record("billing", "logs:/ecs/billing", iam, new EvidenceItem("logs", "b1", T0, "AccessDenied"), ""));

    List<Diagnosis> api = board.forService("api", 0);
    assertThat(api).extracting(Diagnosis::signature).containsExactly("dependency-not-ready", "memory-kill", "iam-permission-missing");
    Diagnosis merged = api.get(1);
    assertThat(merged.count()).isEqualTo(2);
    assertThat(merged.evidence()).extracting(EvidenceItem::eventId).containsExactly("t1", "l1");
    assertThat(merged.deploymentId()).isEqualTo("ecs-svc/9");
    assertThat(merged.origin()).isEmpty();
    assertThat(board.forService("api", T0 + 100_000)).extracting(Diagnosis::signature).containsExactly("iam-permission-missing");
    assertThat(board.services(0)).containsExactly("api", "billing");

    // A fresh kill, ten minutes later, outranks the older refusals with more evidence.
    board.put(events.record("api", "events", kill, new EvidenceItem("ecs", "t2", T0 + 600_000, "exitCode=137"), "ecs-svc/9"));
    assertThat(board.forService("api", 0).get(0).signature()).isEqualTo("memory-kill");
  }
}
