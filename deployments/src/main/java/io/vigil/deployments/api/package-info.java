/**
 * The read side and routes of deployments: {@link io.vigil.deployments.api.DeploymentsViewVerticle}
 * follows the compacted deployments and snapshots topics from their beginning in every process
 * (outside any consumer group) into a {@link io.vigil.deployments.api.DeploymentBoard} of immutable
 * JSON, so reads never block and any process answers for every deployment, and publishes changes
 * for the WebSocket {@code deployments} subscription. {@link io.vigil.deployments.api.DeploymentsRoutes}
 * writes announcements as deployment events to Kafka, answering 202 once Kafka acknowledged, so an
 * announced deployment takes exactly the path of one ECS or CloudFormation reported.
 */
package io.vigil.deployments.api;
