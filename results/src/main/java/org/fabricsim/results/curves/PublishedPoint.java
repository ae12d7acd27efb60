package org.fabricsim.results.curves;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One published figure of a serving curve.
 *
 * @param dataset    the dataset's id in ../shared/reference/gpu-curves.md (D1, D5a, ...)
 * @param grade      that file's reliability grade: A, B or C (C is reported but counts toward no target)
 * @param key        the load point, column name to value ({@code concurrency -> 32}): the simulated point is the
 *                   one whose sweep parameters (or {@code system}) carry these values
 * @param metric     what was published
 * @param published  the value as published, in {@code unit}
 * @param unit       ms, s or us for a time; tok/s for a rate
 * @param fittedBy   the calibration constant (docs/calibration.md) chosen with this figure in view; blank when the
 *                   figure is out of sample
 * @param source     where the figure was published
 * @param note       how it was read (derived columns, caveats)
 * @param line       its line in the curve file, for messages
 */
public record PublishedPoint(String dataset, char grade, Map<String, String> key, CurveMetric metric, double published,
        String unit, String fittedBy, String source, String note, int line) {

    public PublishedPoint {
        key = Collections.unmodifiableMap(new LinkedHashMap<>(key)); // column order, for display
        fittedBy = fittedBy == null ? "" : fittedBy.strip();
        note = note == null ? "" : note;
    }

    /** The value in seconds (a time) or tokens/s (a rate). */
    public double publishedSi() {
        return published * metric.toSi(unit);
    }

    public boolean fitted() {
        return !fittedBy.isEmpty();
    }

    /** Grade A or B: counts toward the targets. */
    public boolean graded() {
        return grade == 'A' || grade == 'B';
    }
}
