/**
 * Synthetic checks during verification (seed 7.2): while a deployment is verified, the probes
 * configured for its service run again at a higher rate, as smoke checks and, for http probes, as
 * a short latency check whose request count and duration are capped by configuration, so a check
 * can never become a load test. Results travel as deployment inputs, keyed by service, to the
 * stage that judges the deployment, the same way its metric values do. One verticle, on its event
 * loop; only the holder of a lease runs checks.
 */
package io.vigil.deployments.checks;
