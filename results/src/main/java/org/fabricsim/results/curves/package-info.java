/**
 * Published serving curves against simulated ones: the published points as data ({@link PublishedPoint}, read
 * by {@link PublishedCurves}), the metrics they are compared on ({@link CurveMetric}), per-point errors and the
 * out-of-sample medians ({@link CurveComparison}), and their CSV ({@link CurveErrorsCsv}). Knows nothing of how
 * the simulated values were produced.
 */
package org.fabricsim.results.curves;
