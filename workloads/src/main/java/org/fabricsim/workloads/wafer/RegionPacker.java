package org.fabricsim.workloads.wafer;

import org.fabricsim.fabric.api.Region;

/**
 * Packs regions for a wafer's parts onto its grid, spreading them over as many cores as possible: the
 * grid is cut into k shelves of equal height; each part gets near-square cells (small parts stack in
 * columns inside a shelf); consecutive parts are neighbours (shelves run alternately left-to-right and
 * right-to-left, so layer i + 1 sits next to layer i). For each k, a binary search finds the smallest
 * per-core fill at which everything fits; the best k wins. A model choice: simple, deterministic, and
 * close to the whole wafer for parts of similar size.
 */
final class RegionPacker {
    /** Bytes each part must hold per core given its shape; returns -1 if it can never fit. */
    interface PerCoreNeed {
        long bytesPerCore(int part, int rows, int cols);
    }

    private final int gridRows;
    private final int gridCols;
    private final long usableBytesPerCore;

    RegionPacker(int gridRows, int gridCols, long usableBytesPerCore) {
        this.gridRows = gridRows;
        this.gridCols = gridCols;
        this.usableBytesPerCore = usableBytesPerCore;
    }

    /**
     * Regions for parts of the given byte sizes, or null if they cannot fit at any fill.
     *
     * @param bytes bytes each part must hold in all (weights and minimum KV cache)
     * @param need  per-core bytes a part needs on a given shape (weights, KV, activation buffers)
     */
    Region[] pack(long[] bytes, PerCoreNeed need) {
        int[] runs = runEnds(bytes);
        Region[] best = null;
        long bestFill = Long.MAX_VALUE;
        int maxShelves = Math.min(gridRows, 48);
        for (int k = 1; k <= maxShelves; k++) {
            long lo = 1;
            long hi = usableBytesPerCore;
            if (!tryPack(bytes, runs, k, hi, gridCols, false, false)) {
                continue;
            }
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                if (tryPack(bytes, runs, k, mid, gridCols, false, false)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            if (hi < bestFill) {
                tryPack(bytes, runs, k, hi, gridCols, false, true);
                if (fitsPerCore(geometry, bytes.length, need)) {
                    bestFill = hi;
                    best = regions(geometry, bytes.length);
                }
            }
        }
        return best;
    }

    /** Whether each of the first {@code n} parts of a packing ({@link #geometry}'s layout) fits its cores' SRAM. */
    private boolean fitsPerCore(int[] geometry, int n, PerCoreNeed need) {
        for (int i = 0; i < n; i++) {
            long perCore = need.bytesPerCore(i, geometry[4 * i + 2], geometry[4 * i + 3]);
            if (perCore < 0 || perCore > usableBytesPerCore) {
                return false;
            }
        }
        return true;
    }

    /**
     * Regions for hub-and-spoke groups of parts (an MoE layer: its attention and router, the hub, which sends
     * every token to a few of its experts and gathers their outputs), or null if they cannot fit at any fill.
     * Each group gets a vertical strip of the grid, west to east in order, as wide as its share of the bytes,
     * so a layer's experts lie within a near-square area rather than a band across the wafer. Inside its strip a
     * group is shelf-packed with its hub in the middle of its sequence and an odd number of shelves, which puts
     * the hub near the strip's centre: the farthest expert is about half the strip's height plus half its width
     * away, where a hub at a band's end is the whole band's length away.
     *
     * @param groupStarts first part index of each group, in order, starting at 0
     * @param hubs        the hub part of each group, or -1 for a group without one
     */
    Region[] packStrips(long[] bytes, int[] groupStarts, int[] hubs, PerCoreNeed need) {
        int groups = groupStarts.length;
        if (groups > gridCols) {
            return null;
        }
        long[] groupBytes = new long[groups];
        long total = 0;
        for (int g = 0; g < groups; g++) {
            for (int i = groupStarts[g]; i < end(groupStarts, g, bytes.length); i++) {
                groupBytes[g] += bytes[i];
            }
            total += groupBytes[g];
        }
        int[] col0 = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            long cum = 0;
            for (int j = 0; j <= g; j++) {
                cum += groupBytes[j];
            }
            col0[g + 1] = g + 1 == groups ? gridCols : (int) Math.max(col0[g] + 1, Math.round((double) gridCols * cum / total));
        }
        long[][] orders = new long[groups][];
        int[][] runs = new int[groups][];
        int[][] perms = new int[groups][];
        for (int g = 0; g < groups; g++) {
            int[] perm = hubInTheMiddle(groupStarts[g], end(groupStarts, g, bytes.length), hubs[g]);
            orders[g] = new long[perm.length];
            for (int j = 0; j < perm.length; j++) {
                orders[g][j] = bytes[perm[j]];
            }
            runs[g] = runEnds(orders[g]);
            perms[g] = perm;
        }
        long lo = 1;
        long hi = usableBytesPerCore;
        if (!stripsFit(orders, runs, col0, hi, null, null)) {
            return null;
        }
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (stripsFit(orders, runs, col0, mid, null, null)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int[] packed = new int[4 * bytes.length];
        stripsFit(orders, runs, col0, hi, perms, packed);
        return fitsPerCore(packed, bytes.length, need) ? regions(packed, bytes.length) : null;
    }

    private static int end(int[] groupStarts, int g, int size) {
        return g + 1 < groupStarts.length ? groupStarts[g + 1] : size;
    }

    /** Indices from..to-1 with the hub moved to the middle of the sequence (no hub: unchanged). */
    private static int[] hubInTheMiddle(int from, int to, int hub) {
        int[] out = new int[to - from];
        int mid = hub < 0 ? -1 : (to - from) / 2;
        int next = from;
        for (int j = 0; j < out.length; j++) {
            if (j == mid) {
                out[j] = hub;
                continue;
            }
            if (next == hub) {
                next++;
            }
            out[j] = next++;
        }
        return out;
    }

    /**
     * Whether every strip packs at {@code fill}, each with the fewest odd shelves that fit it; with {@code out}, the
     * geometry of part {@code perms[g][j]} (the j-th of strip g), on the whole grid, goes into it as
     * {@link #geometry} holds it.
     */
    private boolean stripsFit(long[][] orders, int[][] runs, int[] col0, long fill, int[][] perms, int[] out) {
        // strips pack independently, so the answer is the same in any order; the one that failed last is the likeliest
        // to fail again (a search's probes are close together), and trying it first often spares packing the others
        int first = lastFailedStrip < orders.length ? lastFailedStrip : 0;
        for (int j = 0; j < orders.length; j++) {
            int g = (first + j) % orders.length;
            int width = col0[g + 1] - col0[g];
            boolean fits = false;
            for (int k = 1; k <= Math.min(gridRows, 48) && !fits; k += 2) {
                fits = tryPack(orders[g], runs[g], k, fill, width, true, out != null);
            }
            if (!fits) {
                lastFailedStrip = g;
                return false;
            }
            if (out != null) {
                for (int i = 0; i < perms[g].length; i++) {
                    int part = perms[g][i];
                    out[4 * part] = geometry[4 * i];
                    out[4 * part + 1] = geometry[4 * i + 1] + col0[g];
                    out[4 * part + 2] = geometry[4 * i + 2];
                    out[4 * part + 3] = geometry[4 * i + 3];
                }
            }
        }
        return true;
    }

    /** The strip that failed to pack last: where the next probe starts. */
    private int lastFailedStrip;

    /** Row, column, height and width of each part in the last packing recorded: a search probes thousands. */
    private int[] geometry = new int[64];

    /** The first {@code n} regions of the last packing recorded. */
    Region[] regions(int n) {
        return regions(geometry, n);
    }

    /** The first {@code n} regions of a packing laid out as {@link #geometry} is. */
    private static Region[] regions(int[] geometry, int n) {
        Region[] out = new Region[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Region(geometry[4 * i], geometry[4 * i + 1], geometry[4 * i + 2], geometry[4 * i + 3]);
        }
        return out;
    }

    /**
     * For each part, the index after the last of the parts following it with the same bytes (a layer's experts are a
     * run): {@link #tryPack} places a run's parts a slot at a time.
     */
    static int[] runEnds(long[] bytes) {
        int[] end = new int[bytes.length];
        for (int i = bytes.length - 1; i >= 0; i--) {
            end[i] = i + 1 < bytes.length && bytes[i + 1] == bytes[i] ? end[i + 1] : i + 1;
        }
        return end;
    }

    /**
     * Geometric packing into the grid's rows and the first {@code gridCols} columns at a given fill (bytes per
     * core); false if the parts do not fit. With {@code stretch} a part that would not fit beside the last one
     * takes taller cells before a new shelf is opened. With {@code record} the parts' rows, columns, heights and
     * widths go into {@link #geometry}; a search's probes only ask whether the parts fit.
     *
     * <p>Parts are placed in order, each in the open slot (a column of cells of one height) if its cell has that
     * height and its width fits, else in a new slot beside it or on the next shelf. A part the size of the one
     * before it (a layer's experts) has the same cells, so once one of them is in the open slot the rest of its
     * run fill the slot's remaining cells without a decision each: a probe costs a step per slot, not per part.
     *
     * @param runEnd {@link #runEnds} of {@code bytes}
     */
    boolean tryPack(long[] bytes, int[] runEnd, int shelves, long fill, int gridCols, boolean stretch,
            boolean record) {
        int h = gridRows / shelves;
        int n = bytes.length;
        if (coresAtLeast(bytes, runEnd, fill) > (long) shelves * h * gridCols) {
            return false; // a part's cells hold at least its cores: more cores than the shelves hold can never fit
        }
        if (record) {
            geometry = ensure(geometry, n);
        }
        int shelf = 0;
        int x = 0;
        int slotX = -1;
        int slotW = 0;
        int slotCellH = 0;
        int slotCells = 0;
        int slotUsed = 0;
        // a part the size of the one before it (a layer's experts) has the same cells: they are worked out once
        long sizeOf = -1;
        long coresOf = 0;
        int mOf = 0;
        int cellHOf = 0;
        long wOf = 0;
        int i = 0;
        while (i < n) {
            if (bytes[i] != sizeOf) {
                sizeOf = bytes[i];
                coresOf = Math.max(1, (sizeOf + fill - 1) / fill);
                int cells = (int) Math.max(1, Math.round(h / Math.sqrt((double) coresOf)));
                cellHOf = Math.max(1, h / cells);
                mOf = h / cellHOf;
                wOf = (coresOf + cellHOf - 1) / cellHOf;
            }
            long cores = coresOf;
            int m = mOf;
            int cellH = cellHOf;
            long w = wOf;
            boolean fitsSlot = slotX >= 0 && cellH == slotCellH && slotUsed < slotCells && w <= slotW;
            if (stretch && !fitsSlot && x + w > gridCols) {
                // in a strip, a part too wide for what is left of the shelf (or for a whole one) takes taller cells
                int taller = cellsToFit(cores, h, m, gridCols - x);
                if (taller < 0 && w > gridCols) {
                    taller = cellsToFit(cores, h, m, gridCols);
                }
                if (taller > 0) {
                    m = taller;
                    cellH = h / taller;
                    w = (cores + cellH - 1) / cellH;
                }
            }
            if (w > gridCols) {
                return false;
            }
            if (!fitsSlot) {
                if (x + w > gridCols) {
                    shelf++;
                    x = 0;
                    if (shelf >= shelves) {
                        return false;
                    }
                }
                slotX = x;
                slotW = (int) w;
                slotCellH = cellH;
                slotCells = m;
                slotUsed = 0;
                x += (int) w;
            }
            if (record) {
                record(i, shelf * h + slotUsed * slotCellH, (shelf % 2 == 0) ? slotX : gridCols - slotX - (int) w, cellH,
                        (int) w);
            }
            slotUsed++;
            i++;
            // the rest of this part's run fit the slot's free cells as its unstretched cells would: no decision each
            if (i < n && bytes[i] == sizeOf && cellHOf == slotCellH && wOf <= slotW) {
                int more = Math.min(runEnd[i] - i, slotCells - slotUsed);
                if (record) {
                    int col0 = (shelf % 2 == 0) ? slotX : gridCols - slotX - (int) wOf;
                    for (int j = 0; j < more; j++) {
                        record(i + j, shelf * h + (slotUsed + j) * slotCellH, col0, cellHOf, (int) wOf);
                    }
                }
                slotUsed += more;
                i += more;
            }
        }
        return true;
    }

    /** The cores the parts need at {@code fill} (each at least one), summed a run at a time. */
    private static long coresAtLeast(long[] bytes, int[] runEnd, long fill) {
        long cores = 0;
        for (int i = 0; i < bytes.length; i = runEnd[i]) {
            cores += (runEnd[i] - i) * Math.max(1, (bytes[i] + fill - 1) / fill);
        }
        return cores;
    }

    /** {@code g}, or a larger copy of it if it cannot hold the geometry of {@code n} parts. */
    private static int[] ensure(int[] g, int n) {
        return g.length >= 4 * n ? g : new int[Math.max(4 * n, 2 * g.length)];
    }

    private void record(int part, int row0, int col0, int rows, int cols) {
        geometry[4 * part] = row0;
        geometry[4 * part + 1] = col0;
        geometry[4 * part + 2] = rows;
        geometry[4 * part + 3] = cols;
    }

    /** The most cells per column (fewer than {@code m}) at which {@code cores} fit in {@code room} columns, or -1. */
    static int cellsToFit(long cores, int h, int m, int room) {
        // cells of height c fit in room columns when ceil(cores / c) <= room, i.e. c >= ceil(cores / room); a
        // column of h rows cut into t cells has cells of height floor(h / t), so the most cells is h / ceil(cores / room)
        if (m - 1 < 1 || room < 1) {
            return -1;
        }
        long height = (cores + room - 1) / room;
        return height > h ? -1 : (int) Math.min(m - 1, h / height);
    }
}
