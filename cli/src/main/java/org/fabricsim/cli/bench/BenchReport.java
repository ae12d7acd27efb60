package org.fabricsim.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fabricsim.cli.Table;

/**
 * The rows of one {@code fabricsim bench} run: each printed as a table line when it is measured and kept
 * for bench.csv; progress lines go to the error stream, so that a long bench is not silent and the
 * table on standard output stays clean.
 */
public final class BenchReport {
    /** Printed a row at a time as each figure is measured. */
    private static final Table TABLE = new Table(Table.Col.left("benchmark", 40), Table.Col.left("parameter", 36),
            Table.Col.right("value", 16), Table.Col.left("unit", 0));
    private final PrintWriter out;
    private final PrintWriter progress;
    private final List<BenchRow> rows = new ArrayList<>();

    public BenchReport(PrintWriter out, PrintWriter progress) {
        this.out = out;
        this.progress = progress;
    }

    /** Prints the table header. */
    public void header() {
        out.print(TABLE.line(TABLE.headers()));
        out.flush();
    }

    /** Records a row and prints it. */
    public void add(BenchRow row) {
        rows.add(row);
        out.print(TABLE.line(row.benchmark(), row.parameter(), String.format(Locale.ROOT, "%.4g", row.value()), row.unit()));
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
