package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped catalog: one positive and one near-miss negative per signature, and the user file's validation. */
class SignatureCatalogTest {

  private static final SignatureCatalog CATALOG = SignatureCatalog.shipped();

  enum Channel { LOG, ECS, STACK }

  /** id, channel, a text that shows the failure, a close text that does not, (ECS) exit codes of each. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("memory-kill", Channel.LOG, "java.lang.OutOfMemoryError: Java heap space", "memory usage 1370 MiB, exit code 1370", Set.of(), Set.of()),
        Arguments.of("memory-kill", Channel.ECS, "Essential container in task exited; container app: exit code 137",
            "Essential container in task exited; container app: exit code 1", Set.of(137), Set.of(1)),
        Arguments.of("startup-timeout", Channel.LOG, "wait-for: postgres not ready after 180s, exited with code 124",
            "request completed in 124 ms", Set.of(), Set.of()),
        Arguments.of("startup-timeout", Channel.ECS, "Essential container in task exited", "Essential container in task exited",
            Set.of(124), Set.of(0)),
        Arguments.of("bound-to-localhost", Channel.LOG, "INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)",
            "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)", Set.of(), Set.of()),
        Arguments.of("bound-to-localhost", Channel.LOG, "Server listening on localhost:3000",
            "GET http://localhost:3000/health from the sidecar: 200", Set.of(), Set.of()),
        Arguments.of("health-check-failing", Channel.ECS,
            "(service api) (task 1a2b) failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/api/9).",
            "(service api) registered 1 targets in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/api/9)", Set.of(), Set.of()),
        Arguments.of("health-check-failing", Channel.LOG, "target i-0abc unhealthy: Target.ResponseCodeMismatch (got 404)",
            "target i-0abc healthy: Target.Registered", Set.of(), Set.of()),
        Arguments.of("dependency-not-ready", Channel.LOG,
            "psycopg2.OperationalError: connection to server at \"db\" (10.0.1.5), port 5432 failed: Connection refused",
            "connection accepted from 10.0.0.1:5432", Set.of(), Set.of()),
        Arguments.of("dependency-not-ready", Channel.LOG, "FATAL:  the database system is starting up",
            "LOG:  database system is ready to accept connections", Set.of(), Set.of()),
        Arguments.of("image-pull-failed", Channel.ECS,
            "CannotPullContainerError: pull image manifest has been retried 5 time(s): manifest for 1.dkr.ecr.us-east-1.amazonaws.com/api:v9 not found",
            "Pulled container image 1.dkr.ecr.us-east-1.amazonaws.com/api:v9", Set.of(), Set.of()),
        Arguments.of("iam-permission-missing", Channel.LOG,
            "User: arn:aws:sts::1:assumed-role/api-task/abc is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::bucket/key",
            "User arn:aws:sts::1:assumed-role/api-task/abc is authorized; s3:GetObject ok", Set.of(), Set.of()),
        Arguments.of("iam-permission-missing", Channel.STACK,
            "API: iam:CreateRole User: arn:aws:iam::1:user/ci is not authorized to perform: iam:CreateRole",
            "Resource creation Initiated", Set.of(), Set.of()),
        Arguments.of("rds-deletion-protection", Channel.STACK,
            "Resource handler returned message: \"Cannot delete protected DB Instance, please disable deletion protection and try again.\"",
            "Resource handler returned message: \"DB Instance is being deleted\"", Set.of(), Set.of()),
        Arguments.of("cloudformation-unsupported-property", Channel.STACK,
            "Encountered unsupported property AtRestEncryptionEnabled",
            "Property AtRestEncryptionEnabled set", Set.of(), Set.of()),
        Arguments.of("quota-exceeded", Channel.ECS,
            "(service api) was unable to place a task because no container instance met all of its requirements. Reason: RESOURCE:MEMORY",
            "(service api) has started 1 tasks: (task 9f).", Set.of(), Set.of()),
        Arguments.of("quota-exceeded", Channel.STACK,
            "The maximum number of addresses has been reached. (Service: Ec2, Status Code: 400, Error Code: AddressLimitExceeded)",
            "Resource creation Initiated", Set.of(), Set.of()));
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("cases")
  void eachSignatureMatchesItsFailureAndNotANearMiss(String id, Channel channel, String positive, String negative,
      Set<Integer> positiveCodes, Set<Integer> negativeCodes) {
    Signature signature = CATALOG.signature(id).orElseThrow();
    assertThat(matches(signature, channel, positive, positiveCodes)).as("positive").isTrue();
    assertThat(matches(signature, channel, negative, negativeCodes)).as("near miss").isFalse();
    // The first signature of the catalog to match is this one: no other claims its evidence first.
    Signature first = CATALOG.signatures().stream().filter(candidate -> matches(candidate, channel, positive, positiveCodes)).findFirst().orElseThrow();
    assertThat(first.id()).isEqualTo(id);
  }

  private static boolean matches(Signature signature, Channel channel, String text, Set<Integer> codes) {
    return switch (channel) {
      case LOG -> signature.matchesLog(text);
      case ECS -> signature.matchesEcs(text, codes);
      case STACK -> signature.matchesStackReason(text);
    };
  }

  @Test
  void everySignatureTheCatalogShipsIsTestedAndHasStepsAndAKnownCategory() {
    Set<String> tested = cases().map(arguments -> (String) arguments.get()[0]).collect(java.util.stream.Collectors.toSet());
    assertThat(CATALOG.signatures()).extracting(Signature::id).containsExactlyInAnyOrderElementsOf(tested);
    assertThat(CATALOG.signatures()).allSatisfy(signature -> {
      assertThat(signature.steps()).isNotEmpty();
      assertThat(SignatureCatalog.CATEGORIES).contains(signature.category());
    });
    assertThat(CATALOG.signature("memory-kill").orElseThrow().stepsFor("api").get(0)).contains("/api/v1/recommendations?service=api");
    assertThat(CATALOG.signature("dependency-not-ready").orElseThrow().steps().get(0)).contains("./vigil wait-for");
  }

  @Test
  void aUserFileAddsSignaturesAndReplacesShippedOnes(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("mine.yaml");
    Files.writeString(file, """
        signatures:
          - id: disk-full
            category: capacity
            severity: critical
            title: Disk full
            explanation: The task's ephemeral storage is full.
            match:
              logs: ['No space left on device']
              metrics: [{metric: EphemeralStorageUtilized, above: 95}]
            steps: [Raise ephemeralStorage in the task definition.]
          - id: memory-kill
            category: memory
            severity: warning
            title: Killed for memory (ours)
            explanation: Ours.
            match: {exitCodes: [137]}
            steps: [Call the on-call.]
        """);
    SignatureCatalog catalog = SignatureCatalog.load(Optional.of(file));
    assertThat(catalog.signatures()).hasSize(CATALOG.signatures().size() + 1);
    Signature disk = catalog.signature("disk-full").orElseThrow();
    assertThat(disk.matchesLog("write /data/x: No space left on device")).isTrue();
    assertThat(disk.matchesMetric("EphemeralStorageUtilized", 97)).isTrue();
    assertThat(disk.matchesMetric("EphemeralStorageUtilized", 90)).isFalse();
    Signature kill = catalog.signature("memory-kill").orElseThrow();
    assertThat(kill.severity()).isEqualTo("warning");
    assertThat(kill.matchesLog("java.lang.OutOfMemoryError")).isFalse();
  }

  @Test
  void anInvalidRegexNamesTheFileTheSignatureAndTheKey() {
    String yaml = """
        signatures:
          - id: broken
            category: startup
            severity: warning
            title: Broken
            explanation: x
            match: {logs: ['fine', 'unclosed (group']}
            steps: [x]
        """;
    assertThatThrownBy(() -> SignatureCatalog.parse("mine.yaml", yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mine.yaml: signatures[0] (broken).match.logs[1]: is not a valid regex");
  }

  @Test
  void badValuesNameTheirKey() {
    String good = "id: s, category: memory, severity: info, title: t, explanation: e, steps: [s]";
    List<String[]> cases = List.of(
        new String[] {good.replace("memory", "sleepy") + ", match: {logs: [x]}", "f.yaml: signatures[0] (s).category: must be one of"},
        new String[] {good.replace("info", "urgent") + ", match: {logs: [x]}", "f.yaml: signatures[0] (s).severity: must be info, warning or critical"},
        new String[] {good + ", match: {}", "f.yaml: signatures[0] (s).match: must have at least one of"},
        new String[] {good + ", match: {exitCodes: [300]}", "f.yaml: signatures[0] (s).match.exitCodes: must be a list of exit codes"},
        new String[] {good + ", match: {log: [x]}", "f.yaml: signatures[0] (s).match.log: unknown key"},
        new String[] {good + ", match: {logs: [x]}, colour: red", "f.yaml: signatures[0] (s).colour: unknown key"},
        new String[] {good.replace("id: s", "id: Not_An_Id") + ", match: {logs: [x]}", "f.yaml: signatures[0].id: must be lower-case"});
    for (String[] bad : cases) {
      String yaml = "signatures:\n  - {" + bad[0] + "}\n";
      assertThatThrownBy(() -> SignatureCatalog.parse("f.yaml", yaml)).as(bad[0]).isInstanceOf(ConfigException.class).hasMessageStartingWith(bad[1]);
    }
  }
}
