/**
 * The detector contract: a {@link io.vigil.detectors.Detector} scores one series' points in time
 * order using only the past, and turns its whole state into bytes that its
 * {@link io.vigil.detectors.DetectorType} restores into a detector giving bit-identical later scores.
 * Types are found with {@link java.util.ServiceLoader} through {@link io.vigil.detectors.DetectorRegistry},
 * so peers such as the Random Cut Forest module plug in without this module knowing them. Detectors
 * are single-threaded objects owned by one caller at a time; types and the registry are immutable and
 * safe to share between threads.
 */
package io.vigil.detectors;
