package org.fabricsim.cli.bench;

/**
 * One line of bench.csv.
 *
 * @param benchmark what was measured (snake_case)
 * @param parameter the setting it was measured at, e.g. {@code pending=1000}
 * @param value     the figure
 * @param unit      its unit, e.g. {@code events/s}
 */
public record BenchRow(String benchmark, String parameter, double value, String unit) {
    public BenchRow {
        check("benchmark", benchmark);
        check("parameter", parameter);
        check("unit", unit);
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("value: must be a number, got NaN for " + benchmark);
        }
    }

    private static void check(String field, String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(field + ": must be non-empty, got '" + s + "'");
        }
    }
}
