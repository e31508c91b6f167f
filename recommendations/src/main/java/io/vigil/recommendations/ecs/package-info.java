/**
 * ECS through the AWS SDK v2 async client, with the endpoint override and credential chain of the
 * other AWS sources ({@code AwsClients.ecs}): {@link io.vigil.recommendations.ecs.EcsTaskCatalog}
 * reads what a service runs and its tasks killed for memory; {@link
 * io.vigil.recommendations.ecs.EcsApplier} registers a resized revision ({@link
 * io.vigil.recommendations.ecs.TaskDefinitionChange}), points the service at it, and back. Every
 * call completes on the caller's context; nothing here holds state between calls.
 */
package io.vigil.recommendations.ecs;
