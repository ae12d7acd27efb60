package org.fabricsim.workloads.wafer;

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

    /** Geometric packing at a given fill (bytes per core), or null if the parts do not fit on the grid. */
    private Region[] tryPack(List<Long> bytes, int shelves, long fill) {
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
            if (w > gridCols) {
                return null;
            }
            boolean fitsSlot = slotX >= 0 && cellH == slotCellH && slotUsed < slotCells && w <= slotW;
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
}
