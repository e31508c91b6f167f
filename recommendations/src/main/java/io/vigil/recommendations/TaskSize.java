package io.vigil.recommendations;

/**
 * What a service runs now: its task size, task count and CPU architecture, and where that came from.
 *
 * @param taskDefinition the ECS task definition ARN (family:revision), or empty when the size comes
 *     from configuration; a recommendation made against one revision is stale once the service runs
 *     another
 * @param source {@code ecs}, {@code config} or {@code demo}
 */
public record TaskSize(FargateSize size, int desiredCount, CostModel.Architecture architecture, String taskDefinition, String source) {

  public TaskSize {
    if (desiredCount < 0) {
      throw new IllegalArgumentException("desiredCount must not be negative, was " + desiredCount);
    }
    taskDefinition = taskDefinition == null ? "" : taskDefinition;
  }
}
