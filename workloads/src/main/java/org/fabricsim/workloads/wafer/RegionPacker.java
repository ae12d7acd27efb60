package org.fabricsim.workloads.wafer;

import java.util.ArrayList;
import java.util.List;
import org.fabricsim.fabric.wafer.Region;

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
    Region[] pack(List<Long> bytes, PerCoreNeed need) {
        Region[] best = null;
        long bestFill = Long.MAX_VALUE;
        int maxShelves = Math.min(gridRows, 48);
        for (int k = 1; k <= maxShelves; k++) {
            long lo = 1;
            long hi = usableBytesPerCore;
            Region[] atHi = tryPack(bytes, k, hi);
            if (atHi == null) {
                continue;
            }
            Region[] found = atHi;
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                Region[] r = tryPack(bytes, k, mid);
                if (r != null) {
                    hi = mid;
                    found = r;
                } else {
                    lo = mid + 1;
                }
            }
            if (hi < bestFill && fitsPerCore(found, need)) {
                bestFill = hi;
                best = found;
            }
        }
        return best;
    }

    private boolean fitsPerCore(Region[] regions, PerCoreNeed need) {
        for (int i = 0; i < regions.length; i++) {
            long perCore = need.bytesPerCore(i, regions[i].rows(), regions[i].cols());
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
    Region[] packStrips(List<Long> bytes, int[] groupStarts, int[] hubs, PerCoreNeed need) {
        int groups = groupStarts.length;
        if (groups > gridCols) {
            return null;
        }
        long[] groupBytes = new long[groups];
        long total = 0;
        for (int g = 0; g < groups; g++) {
            for (int i = groupStarts[g]; i < end(groupStarts, g, bytes.size()); i++) {
                groupBytes[g] += bytes.get(i);
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
        List<List<Long>> orders = new ArrayList<>();
        List<int[]> perms = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int[] perm = hubInTheMiddle(groupStarts[g], end(groupStarts, g, bytes.size()), hubs[g]);
            List<Long> order = new ArrayList<>();
            for (int i : perm) {
                order.add(bytes.get(i));
            }
            orders.add(order);
            perms.add(perm);
        }
        long lo = 1;
        long hi = usableBytesPerCore;
        if (packStripsAt(orders, col0, hi) == null) {
            return null;
        }
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (packStripsAt(orders, col0, mid) != null) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Region[][] strips = packStripsAt(orders, col0, hi);
        Region[] out = new Region[bytes.size()];
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < perms.get(g).length; j++) {
                Region r = strips[g][j];
                out[perms.get(g)[j]] = new Region(r.row0(), r.col0() + col0[g], r.rows(), r.cols());
            }
        }
        return fitsPerCore(out, need) ? out : null;
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

    /** Every strip packed at {@code fill} with the fewest odd shelves that fit it, or null if one does not fit. */
    private Region[][] packStripsAt(List<List<Long>> orders, int[] col0, long fill) {
        Region[][] out = new Region[orders.size()][];
        for (int g = 0; g < orders.size(); g++) {
            int width = col0[g + 1] - col0[g];
            for (int k = 1; k <= Math.min(gridRows, 48) && out[g] == null; k += 2) {
                out[g] = tryPack(orders.get(g), k, fill, width, true);
            }
            if (out[g] == null) {
                return null;
            }
        }
        return out;
    }

    /** Geometric packing at a given fill (bytes per core), or null if the parts do not fit on the grid. */
    private Region[] tryPack(List<Long> bytes, int shelves, long fill) {
        return tryPack(bytes, shelves, fill, gridCols, false);
    }

    /**
     * Geometric packing into the grid's rows and the first {@code gridCols} columns; with {@code stretch} a part
     * that would not fit beside the last one takes taller cells before a new shelf is opened.
     */
    private Region[] tryPack(List<Long> bytes, int shelves, long fill, int gridCols, boolean stretch) {
        int h = gridRows / shelves;
        Region[] out = new Region[bytes.size()];
        int shelf = 0;
        int x = 0;
        int slotX = -1;
        int slotW = 0;
        int slotCellH = 0;
        int slotCells = 0;
        int slotUsed = 0;
        for (int i = 0; i < out.length; i++) {
            long cores = Math.max(1, (bytes.get(i) + fill - 1) / fill);
            int m = (int) Math.max(1, Math.round(h / Math.sqrt((double) cores)));
            int cellH = Math.max(1, h / m);
            m = h / cellH;
            long w = (cores + cellH - 1) / cellH;
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
                return null;
            }
            if (!fitsSlot) {
                if (x + w > gridCols) {
                    shelf++;
                    x = 0;
                    if (shelf >= shelves) {
                        return null;
                    }
                }
                slotX = x;
                slotW = (int) w;
                slotCellH = cellH;
                slotCells = m;
                slotUsed = 0;
                x += (int) w;
            }
            int row0 = shelf * h + slotUsed * slotCellH;
            int col0 = (shelf % 2 == 0) ? slotX : gridCols - slotX - (int) w;
            Region r = new Region(row0, col0, cellH, (int) w);
            slotUsed++;
            out[i] = r;
        }
        return out;
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
