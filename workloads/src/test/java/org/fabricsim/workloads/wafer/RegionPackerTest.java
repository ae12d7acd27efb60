package org.fabricsim.workloads.wafer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.fabricsim.fabric.api.Region;
import org.junit.jupiter.api.Test;

class RegionPackerTest {
    /** The most cells t in [1, m - 1] of a column of h rows whose cells of height h / t hold cores in room columns. */
    private static int bySearch(long cores, int h, int m, int room) {
        int best = -1;
        for (int t = 1; t <= m - 1; t++) {
            if ((cores + h / t - 1) / (h / t) <= room) {
                best = t;
            }
        }
        return best;
    }

    @Test
    void cellsToFitIsTheLargestCellCountThatFitsAsAnExhaustiveSearchFindsIt() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            int h = 1 + r.nextInt(800);
            int m = 1 + r.nextInt(h);
            int room = r.nextInt(1200);
            long cores = 1 + r.nextLong(2_000_000);
            assertEquals(bySearch(cores, h, m, room), RegionPacker.cellsToFit(cores, h, m, room),
                    "cores " + cores + ", h " + h + ", m " + m + ", room " + room);
        }
    }

    /**
     * The packer as it placed every part with a decision of its own (before a run of equal parts filled a slot at a
     * time): the geometry of each part, or null when they do not fit.
     */
    private static int[] partByPart(long[] bytes, int gridRows, int shelves, long fill, int gridCols, boolean stretch) {
        int h = gridRows / shelves;
        int n = bytes.length;
        int[] geometry = new int[4 * n];
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
        for (int i = 0; i < n; i++) {
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
                int taller = RegionPacker.cellsToFit(cores, h, m, gridCols - x);
                if (taller < 0 && w > gridCols) {
                    taller = RegionPacker.cellsToFit(cores, h, m, gridCols);
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
            geometry[4 * i] = row0;
            geometry[4 * i + 1] = col0;
            geometry[4 * i + 2] = cellH;
            geometry[4 * i + 3] = (int) w;
            slotUsed++;
        }
        return geometry;
    }

    /** Sizes in runs of equal parts, as a layer's experts are, with odd ones (a hub, a shared expert) between them. */
    private static long[] partsInRuns(SplittableRandom r) {
        int n = 1 + r.nextInt(300);
        long[] bytes = new long[n];
        int i = 0;
        while (i < n) {
            long size = 1 + r.nextLong(3_000_000);
            int run = r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(120);
            for (int j = 0; j < run && i < n; j++) {
                bytes[i++] = size;
            }
        }
        return bytes;
    }

    @Test
    void tryPack_runsOfEqualParts_placeEveryPartWherePlacingThemOneByOneDoes() {
        SplittableRandom r = new SplittableRandom(11);
        int fitted = 0;
        int failed = 0;
        for (int t = 0; t < 20_000; t++) {
            int gridRows = 1 + r.nextInt(800);
            int gridCols = 1 + r.nextInt(1200);
            long[] bytes = partsInRuns(r);
            int shelves = 1 + r.nextInt(Math.min(gridRows, 48));
            long fill = 1 + r.nextLong(48 * 1024);
            int cols = 1 + r.nextInt(gridCols);
            boolean stretch = r.nextBoolean();
            RegionPacker packer = new RegionPacker(gridRows, gridCols, 48 * 1024);
            int[] expected = partByPart(bytes, gridRows, shelves, fill, cols, stretch);
            int[] runs = RegionPacker.runEnds(bytes);
            String c = t + ": " + bytes.length + " parts, grid " + gridRows + "x" + gridCols + ", " + shelves
                    + " shelves, fill " + fill + ", cols " + cols + ", stretch " + stretch;
            assertEquals(expected != null, packer.tryPack(bytes, runs, shelves, fill, cols, stretch, false), c);
            assertEquals(expected != null, packer.tryPack(bytes, runs, shelves, fill, cols, stretch, true), c);
            if (expected == null) {
                failed++;
                continue;
            }
            fitted++;
            Region[] regions = packer.regions(bytes.length);
            for (int i = 0; i < bytes.length; i++) {
                assertEquals(new Region(expected[4 * i], expected[4 * i + 1], expected[4 * i + 2], expected[4 * i + 3]),
                        regions[i], c + ", part " + i);
            }
        }
        // both outcomes are exercised often
        assertTrue(fitted > 2_000 && failed > 2_000, fitted + " fitted, " + failed + " failed");
    }

    @Test
    void runEnds_pointPastTheLastEqualPart() {
        assertArrayEquals(new int[] {2, 2, 3, 6, 6, 6}, RegionPacker.runEnds(new long[] {5, 5, 7, 5, 5, 5}));
        assertArrayEquals(new int[0], RegionPacker.runEnds(new long[0]));
    }
}
