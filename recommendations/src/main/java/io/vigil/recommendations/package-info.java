/**
 * The recommender's maths, with no Vert.x and no Kafka: per ECS service, {@link
 * io.vigil.recommendations.ServiceUsage} keeps what the service used in absolute units (CPU units,
 * MiB) in {@link io.vigil.recommendations.DecayingHistogram}s, its daily memory peaks and its kills
 * for memory; {@link io.vigil.recommendations.RightSizer} turns that into a task size snapped to
 * {@link io.vigil.recommendations.FargateSizes}, and {@link io.vigil.recommendations.TaskCountAdvisor}
 * into a task count and a target-tracking policy, each priced by {@link
 * io.vigil.recommendations.CostModel} and rated for confidence, performance risk and priority.
 *
 * <p>Why a bucketed histogram of our own rather than HdrHistogram: decay. HdrHistogram counts in
 * whole numbers, so forgetting old samples means rescaling and rounding every count (or keeping a
 * ring of interval histograms, which forgets in steps). The VPA recommender's scheme fits exactly:
 * buckets 5% apart (a percentile errs at most 5%, and always high, the safe side for sizing) and a
 * sample weight that grows as {@code 2^(t / halfLife)}, so decaying is free and a restore is exact.
 * Memory is sized from daily peaks rather than samples, since the peak is what kills a task. Time is
 * always an argument; nothing here is thread-safe, each instance belongs to one partition's state.
 */
package io.vigil.recommendations;
