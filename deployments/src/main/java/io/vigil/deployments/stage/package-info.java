/**
 * The deployments stage on the {@link io.vigil.kafka.PartitionedStage} scaffold, in two steps
 * because a service's series sit on many partitions of {@code vigil.points} while its deployment
 * events and diagnostics are keyed otherwise: three stateless
 * {@link io.vigil.deployments.stage.InputForwarders}s re-key, as the recommender's do, the
 * values of the metrics the verdict judges (and the log patterns' counts), every deployment event
 * and every diagnostics signature by service onto {@code vigil.deployment-inputs} (where the
 * synthetic checks of {@code io.vigil.deployments.checks} write their results too), and
 * {@link io.vigil.deployments.stage.DeploymentsVerticle} sees all of one service's inputs on one
 * partition. There a {@link io.vigil.deployments.stage.DeploymentBook} keeps each service's recent
 * values (bounded by the windows), moves its deployments through their phases in event time, and
 * judges each window once every series has passed its end or the clock has waited
 * {@code lateDataMinutes} past it; the stage publishes each changed deployment to the compacted
 * {@code vigil.deployments}, takes snapshots and runs the actions of failed verdicts. A failed
 * verdict alerts through an anomaly on {@code vigil.anomalies} rather than a path of its own:
 * alerting already routes, groups, silences, inhibits and delivers anomalies by service, and a
 * second way in would need all of that again. Actions start once per deployment: the started mark is
 * checkpointed with it, and a rollback repeated after a crash before that checkpoint is refused by
 * the service already running the snapshot's task definition. State lives on the stage verticle's event loop; the ECS calls complete there.
 */
package io.vigil.deployments.stage;
