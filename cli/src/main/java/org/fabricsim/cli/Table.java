package org.fabricsim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;

/**
 * A plain-text table laid out by picocli's {@link TextTable}: a header row (none if every header is empty),
 * columns one space apart, text left-aligned and numbers right-aligned, no trailing spaces. Each column is as wide
 * as its widest cell (at least its minimum width), so a long name widens its column instead of pushing one row out
 * of line. A table printed row by row while its rows are measured ({@link #line}) keeps the minimum widths, and a
 * longer cell pushes the rest of its line right, as printf would.
 */
public final class Table {
    private static final ColorScheme PLAIN = new ColorScheme.Builder(Ansi.OFF).build();

    /** A column: its header, minimum width and whether its cells are right-aligned. */
    public record Col(String header, int minWidth, boolean right) {
        public static Col left(String header, int minWidth) {
            return new Col(header, minWidth, false);
        }

        public static Col right(String header, int minWidth) {
            return new Col(header, minWidth, true);
        }
    }

    private final List<Col> cols;
    private final List<String[]> rows = new ArrayList<>();

    public Table(Col... cols) {
        this.cols = List.of(cols);
    }

    /** Adds a row of cells, one per column. */
    public Table row(String... cells) {
        if (cells.length != cols.size()) {
            throw new IllegalArgumentException("row: " + cols.size() + " cells expected, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    /** The header and every row, columns as wide as their widest cell; lines end in the platform's separator. */
    public String render() {
        int[] widths = new int[cols.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(cols.get(i).minWidth(), cols.get(i).header().length());
            for (String[] r : rows) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        TextTable t = layout(widths);
        if (cols.stream().anyMatch(c -> !c.header().isEmpty())) {
            t.addRowValues(aligned(headers(), widths));
        }
        rows.forEach(r -> t.addRowValues(aligned(r, widths)));
        return t.toString();
    }

    /** One row (or the header, given the headers) at the minimum widths, for tables printed as they are measured. */
    public String line(String... cells) {
        if (cells.length != cols.size()) {
            throw new IllegalArgumentException("line: " + cols.size() + " cells expected, got " + cells.length);
        }
        int[] widths = new int[cells.length];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(cols.get(i).minWidth(), cells[i].length());
        }
        TextTable t = layout(widths);
        t.addRowValues(aligned(cells, widths));
        return t.toString();
    }

    /** {@code v} with {@code decimals} digits after the point (ROOT locale: a point, as in the CSV files). */
    public static String fixed(int decimals, double v) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The header cells, for {@link #line}. */
    public String[] headers() {
        return cols.stream().map(Col::header).toArray(String[]::new);
    }

    /**
     * Columns of the given widths, each at least as wide as its cells so that nothing spans or wraps; every column
     * after the first starts with the one-space gap as its indent. Widths count characters, as printf does.
     */
    private static TextTable layout(int[] widths) {
        Column[] columns = new Column[widths.length];
        for (int i = 0; i < widths.length; i++) {
            int gap = i == 0 ? 0 : 1;
            columns[i] = new Column(widths[i] + gap, gap, Column.Overflow.SPAN);
        }
        return TextTable.forColumns(PLAIN, columns).setAdjustLineBreaksForWideCJKCharacters(false);
    }

    private String[] aligned(String[] cells, int[] widths) {
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            out[i] = cols.get(i).right() && c.length() < widths[i] ? " ".repeat(widths[i] - c.length()) + c : c;
        }
        return out;
    }
}
