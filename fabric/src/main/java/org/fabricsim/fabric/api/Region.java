package org.fabricsim.fabric.api;

/**
 * A rectangle of cores on one wafer: rows [row0, row0 + rows), columns [col0, col0 + cols).
 * Its anchor (top-left core) is where a vector enters and leaves it.
 */
public record Region(int row0, int col0, int rows, int cols) {
    public Region {
        if (row0 < 0) {
            throw new IllegalArgumentException("row0: must be >= 0, got " + row0);
        }
        if (col0 < 0) {
            throw new IllegalArgumentException("col0: must be >= 0, got " + col0);
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows: must be >= 1, got " + rows);
        }
        if (cols < 1) {
            throw new IllegalArgumentException("cols: must be >= 1, got " + cols);
        }
    }

    public long cores() {
        return (long) rows * cols;
    }

    public boolean overlaps(Region o) {
        return row0 < o.row0 + o.rows && o.row0 < row0 + rows && col0 < o.col0 + o.cols && o.col0 < col0 + cols;
    }

    public boolean fitsIn(int gridRows, int gridCols) {
        return row0 + rows <= gridRows && col0 + cols <= gridCols;
    }

    @Override
    public String toString() {
        return rows + "x" + cols + "@(" + row0 + "," + col0 + ")";
    }
}
