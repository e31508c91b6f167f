/**
 * The ECS events source: {@link io.vigil.ingest.ecs.EcsDeploymentEvents} turns what
 * DescribeServices says of a service (its deployments and their rollout states, its service
 * events) and what DescribeTasks says of its stopped tasks (stop code, stopped reason, each
 * container's exit code and reason) into deployment events with stable ids, with no I/O so it is
 * tested on SDK objects built by hand; {@link io.vigil.ingest.ecs.EcsEventsSource} polls on the
 * {@link io.vigil.ingest.source.AwsPollingSource} scaffold and writes each service's new events with
 * its cursor (the newest event time and the ids of the last minutes, a
 * {@link io.vigil.ingest.logs.LogCursor}) in one transaction, so each event is written once across
 * polls, restarts and takeovers.
 *
 * <p>ECS keeps a service's last hundred events and its stopped tasks for about an hour, so the
 * source must poll well within that; all its state lives on its verticle's event loop.
 */
package io.vigil.ingest.ecs;
