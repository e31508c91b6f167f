/**
 * The maths of deployment verification, with no framework: each metric of a service after a
 * deployment is compared with the window before it by the Mann-Whitney U test (rank-based, so it
 * assumes no distribution and shrugs off the outliers metrics have) and Cliff's delta as the effect
 * size (how often a value after exceeds one before, minus the reverse), and a metric counts as worse
 * only when the shift is both significant and at least a medium effect, the way that its direction
 * says is worse (latency and 5xx up, healthy hosts down, CPU and memory up unless the load rose with
 * them). {@link io.vigil.deployments.VerdictJudge} weighs the metrics by importance, adds the
 * penalties that are not metrics (new log patterns, diagnostics signatures, failed synthetic checks)
 * and scores the share of the weight that did not get worse, Kayenta's canary score, into pass,
 * marginal or fail; too few values never pass. {@link io.vigil.deployments.DeploymentPhases} is the
 * phase machine (baseline, deploying, verifying, monitoring, done) in the deployment's own time.
 * Values are immutable records except the phase machine, which one stage partition owns.
 */
package io.vigil.deployments;
