package io.vigil.recommendations.ecs;

import io.vigil.recommendations.MemoryKill;
import io.vigil.recommendations.TaskSize;
import java.util.List;

/**
 * What ECS says of one service: the size it runs (task definition, desired count), whether a
 * deployment is under way, and its recently stopped tasks that were killed for memory.
 */
public record EcsServiceState(String cluster, String service, TaskSize size, boolean deploying, List<MemoryKill> kills) {}
