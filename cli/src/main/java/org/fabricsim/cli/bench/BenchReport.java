package org.fabricsim.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows of one {@code fabricsim bench} run: each printed as a table line when it is measured and kept
 * for bench.csv; progress lines go to the error stream, so that a long bench is not silent and the
 * table on standard output stays clean.
 */
public final class BenchReport {
    private final PrintWriter out;
    private final PrintWriter progress;
    private final List<BenchRow> rows = new ArrayList<>();

    public BenchReport(PrintWriter out, PrintWriter progress) {
        this.out = out;
        this.progress = progress;
    }

    /** Prints the table header. */
    public void header() {
        out.printf("%-40s %-36s %16s  %s%n", "benchmark", "parameter", "value", "unit");
        out.flush();
    }

    /** Records a row and prints it. */
    public void add(BenchRow row) {
        rows.add(row);
        out.printf(Locale.ROOT, "%-40s %-36s %16.4g  %s%n", row.benchmark(), row.parameter(), row.value(), row.unit());
        out.flush();
    }

    /** Says what is about to be measured (on the error stream). */
    public void progress(String what) {
        progress.println("bench: " + what);
        progress.flush();
    }

    /** A figure that cannot be measured in this build or with this input: a note, no row. */
    public void notMeasured(String what) {
        out.println("not measured: " + what);
        out.flush();
    }

    /** The rows so far, in measurement order. */
    public List<BenchRow> rows() {
        return List.copyOf(rows);
    }
}
