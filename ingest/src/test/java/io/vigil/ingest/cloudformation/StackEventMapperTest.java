package io.vigil.ingest.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.DeploymentEvent;
import io.vigil.model.DeploymentEvent.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/** Stack events as CloudFormation gives them for a failed update (moto only completes), built by hand. */
class StackEventMapperTest {

  private static final String STACK_ID = "arn:aws:cloudformation:us-east-1:123456789012:stack/cache/0d1e";
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  private static StackEvent event(String id, int seconds, String logical, String type, String status, String reason, String token) {
    return StackEvent.builder().eventId(id).stackId(STACK_ID).stackName("cache").logicalResourceId(logical)
        .physicalResourceId(logical.equals("cache") ? STACK_ID : "")
        .resourceType(type).resourceStatus(status).resourceStatusReason(reason).clientRequestToken(token)
        .timestamp(T0.plusSeconds(seconds)).build();
  }

  private static final List<StackEvent> FAILED_UPDATE = List.of(
      event("s1", 0, "cache", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated", "tok-7"),
      event("r1", 5, "Redis", "AWS::ElastiCache::CacheCluster", "UPDATE_IN_PROGRESS", null, "tok-7"),
      event("r2", 9, "Redis", "AWS::ElastiCache::CacheCluster", "UPDATE_FAILED",
          "Encountered unsupported property AtRestEncryptionEnabled", "tok-7"),
      event("s2", 10, "cache", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_IN_PROGRESS",
          "The following resource(s) failed to update: [Redis].", "tok-7"),
      event("s3", 40, "cache", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_COMPLETE", null, "tok-7"));

  @Test
  void aFailedUpdateStartsFailsOnItsResourceAndRollsBack() {
    StackEventMapper.Mapped mapped = StackEventMapper.map("cache-svc", FAILED_UPDATE, "");
    assertThat(mapped.events()).extracting(DeploymentEvent::kind)
        .containsExactly(Kind.STARTED, Kind.PROGRESS, Kind.FAILED, Kind.PROGRESS, Kind.ROLLED_BACK);
    DeploymentEvent failed = mapped.events().get(2);
    assertThat(failed.resource()).isEqualTo("Redis");
    assertThat(failed.reason()).isEqualTo("Encountered unsupported property AtRestEncryptionEnabled");
    assertThat(failed.status()).isEqualTo("UPDATE_FAILED");
    assertThat(failed.service()).isEqualTo("cache-svc");
    assertThat(mapped.events()).extracting(DeploymentEvent::deploymentId).containsOnly(STACK_ID + ":tok-7");
    assertThat(mapped.operationId()).isEqualTo(STACK_ID + ":tok-7");
  }

  @Test
  void withoutAClientTokenTheStartingEventNamesTheOperationAndACursorCarriesIt() {
    List<StackEvent> first = List.of(
        event("s1", 0, "cache", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated", null),
        event("r1", 5, "Queue", "AWS::SQS::Queue", "CREATE_IN_PROGRESS", null, null));
    StackEventMapper.Mapped before = StackEventMapper.map("cache", first, "");
    assertThat(before.operationId()).isEqualTo(STACK_ID + ":s1");
    List<StackEvent> later = List.of(event("s2", 30, "cache", "AWS::CloudFormation::Stack", "CREATE_COMPLETE", null, null));
    StackEventMapper.Mapped after = StackEventMapper.map("cache", later, before.operationId());
    assertThat(after.events().get(0).kind()).isEqualTo(Kind.COMPLETED);
    assertThat(after.events().get(0).deploymentId()).isEqualTo(STACK_ID + ":s1");
  }

  @Test
  void aDeleteBlockedByDeletionProtectionFails() {
    List<StackEvent> events = List.of(
        event("s1", 0, "cache", "AWS::CloudFormation::Stack", "DELETE_IN_PROGRESS", "User Initiated", "del-1"),
        event("r1", 3, "Database", "AWS::RDS::DBInstance", "DELETE_FAILED",
            "Resource handler returned message: \"Cannot delete protected DB Instance, please disable deletion protection and try again.\"", "del-1"),
        event("s2", 4, "cache", "AWS::CloudFormation::Stack", "DELETE_FAILED", "The following resource(s) failed to delete: [Database].", "del-1"));
    assertThat(StackEventMapper.map("cache", events, "").events()).extracting(DeploymentEvent::kind)
        .containsExactly(Kind.STARTED, Kind.FAILED, Kind.FAILED);
  }
}
