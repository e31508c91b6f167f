package io.vigil.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a partition's recommendations are due, withdrawn, and the same after a restore. */
class RecommendationBookTest {

  private static final long MINUTE = 60_000L;
  private static final RecommenderSettings SETTINGS = new RecommenderSettings(0.15, 24, 14, RecommenderSettings.DEFAULT_HALF_LIFE_MILLIS, 70,
      new CostModel(Map.of("us-east-1", CostModel.US_EAST_1), "us-east-1"));
  private static final TaskSize WORKER = new TaskSize(new FargateSize(1024, 2048), 2, CostModel.Architecture.X86_64, "", "config");

  private static RecommendationBook book() {
    return new RecommendationBook(SETTINGS, service -> service.equals("worker") ? Optional.of(WORKER) : Optional.empty(), 30_000);
  }

  private static long feed(RecommendationBook book, long from, int minutes, double cpu, double memory) {
    long t = from;
    for (int i = 0; i < minutes; i++, t += MINUTE) {
      book.usage("prod", "worker").addCpuPercent(t, cpu);
      book.usage("prod", "worker").addMemoryPercent(t, memory);
    }
    return t;
  }

  @Test
  void aKillReportedBeforeTheClusterIsKnownEndsUpInOneRecommendationOfThatCluster() {
    RecommendationBook book = book();
    book.usage("", "worker").addKill(0, "/ecs/worker", "OutOfMemoryError");
    long t = feed(book, MINUTE, 60, 40, 80);
    List<RecommendationBook.Publication> due = book.due(t);
    assertThat(due).hasSize(1);
    Recommendation recommendation = due.get(0).recommendation().orElseThrow();
    assertThat(recommendation.cluster()).isEqualTo("prod");
    assertThat(recommendation.id()).isEqualTo(RecommendationIds.of(Recommendation.Kind.RIGHTSIZE, "worker"));
    assertThat(book.due(t + 1000)).as("nothing changed since").isEmpty();
    feed(book, t, 1, 40, 80);
    assertThat(book.due(t + 10_000)).as("changed, but within the evaluation interval").isEmpty();
    assertThat(book.due(t + 31_000)).as("same recommendation: not published again so soon").isEmpty();
  }

  @Test
  void aScalingRecommendationThatNoLongerAsksForAChangeIsWithdrawn() {
    RecommendationBook book = book();
    long t = feed(book, 0, 25 * 60, 95, 40);
    List<RecommendationBook.Publication> due = book.due(t);
    String scalingId = RecommendationIds.of(Recommendation.Kind.SCALING, "worker");
    assertThat(due).extracting(RecommendationBook.Publication::id).contains(scalingId);
    // The next days at 50% CPU on two tasks: at 70% a task they still need two, so the scaling advice goes.
    t = feed(book, t, 5 * 24 * 60, 50, 40);
    assertThat(book.due(t)).filteredOn(publication -> publication.id().equals(scalingId))
        .singleElement().satisfies(publication -> assertThat(publication.recommendation()).isEmpty());
  }

  @Test
  void inputsBeforeAnyTaskSizeIsKnownCountOnceEcsAnswers() {
    RecommendationBook book = new RecommendationBook(SETTINGS, service -> Optional.empty(), 30_000);
    book.usage("prod", "api").addKill(0, "/ecs/api", "OutOfMemoryError");
    for (long t = MINUTE; t <= 60 * MINUTE; t += MINUTE) {
      book.usage("prod", "api").addMemoryPercent(t, 90);
      book.usage("prod", "api").addCpuPercent(t, 20);
    }
    assertThat(book.due(61 * MINUTE)).as("no size, nothing to say").isEmpty();
    book.taskSize("api", WORKER);
    ServiceUsage usage = book.find("api").orElseThrow();
    assertThat(usage.kills()).hasSize(1);
    assertThat(usage.kills().get(0).usageMiB()).isEqualTo(2048);
    assertThat(usage.dailyMemoryPeaksMiB().values()).containsExactly(0.9 * 2048);
    assertThat(book.due(62 * MINUTE)).hasSize(1);
  }

  @Test
  void aRestoredBookRecommendsTheSame() {
    RecommendationBook book = book();
    book.usage("prod", "worker").addKill(0, "/ecs/worker", "OutOfMemoryError");
    long t = feed(book, MINUTE, 120, 40, 90);
    Recommendation before = book.due(t).get(0).recommendation().orElseThrow();
    RecommendationBook restored = book();
    restored.restore(List.copyOf(book.changedSinceLastCheckpoint().values()));
    Recommendation after = restored.due(t).get(0).recommendation().orElseThrow();
    assertThat(after).isEqualTo(before);
  }
}
