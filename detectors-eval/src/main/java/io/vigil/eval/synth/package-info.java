/**
 * A second labelled corpus, generated rather than collected, so that detector settings can be
 * checked against data that is not NAB's development part. {@link io.vigil.eval.synth.CloudWatchLikeCorpus}
 * draws series that behave the way CloudWatch metrics of ECS services, load balancers and databases
 * do — utilisations bounded by 0 and 100 with bursts that are normal for them, Poisson request and
 * error counts with daily and weekly cycles, heavy-tailed latencies, integer host counts — and puts
 * into them the incidents AWS documents and the demo knows: deploy steps, leaks ending in a kill for
 * memory, saturation, outages, latency regressions, 5xx bursts, an agent that goes silent at zero.
 * Labels are written the way NAB builds its windows (a tenth of the file divided among its
 * anomalies, centred on each), in NAB's layout, so {@code ./vigil nab} scores it like NAB. Everything
 * follows from one seed; the same seed writes the same bytes.
 */
package io.vigil.eval.synth;
