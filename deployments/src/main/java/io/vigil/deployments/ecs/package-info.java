/**
 * The deployments stage's reach into ECS through the SDK's async client: the snapshot of a service
 * before a deployment (DescribeServices) and the single UpdateService call each action makes (back
 * to the snapshot's task definition, or a higher desired count). It is its own small class rather
 * than the recommendations' applier: that one refuses a service mid-deployment and one that runs
 * another revision than it applied, which is exactly the state a failed deployment leaves, and
 * modules above {@code ingest} do not depend on each other. Completions run on the caller's context.
 */
package io.vigil.deployments.ecs;
