package org.fabricsim.fabric.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fabricsim.fabric.api.Region;
import org.junit.jupiter.api.Test;

/** The tile index answers what a scan of every region answers, on grids that do not divide into whole tiles. */
class RegionIndexTest {

    /** The lowest id of a region overlapping {@code r} by scanning them all: what the index replaces. */
    private static int firstOverlapByScan(List<Region> regions, Region r) {
        for (int i = 0; i < regions.size(); i++) {
            if (regions.get(i).overlaps(r)) {
                return i;
            }
        }
        return -1;
    }

    private static int ownerByScan(List<Region> regions, int row, int col) {
        for (int i = 0; i < regions.size(); i++) {
            Region r = regions.get(i);
            if (row >= r.row0() && row < r.row0() + r.rows() && col >= r.col0() && col < r.col0() + r.cols()) {
                return i;
            }
        }
        return -1;
    }

    private static Region randomRegion(Random random, int gridRows, int gridCols, int maxSide) {
        int rows = 1 + random.nextInt(maxSide);
        int cols = 1 + random.nextInt(maxSide);
        return new Region(random.nextInt(gridRows - rows + 1), random.nextInt(gridCols - cols + 1), rows, cols);
    }

    @Test
    void firstOverlapAndOwner_randomRegions_matchAScanOfEveryRegion() {
        int gridRows = 3 * RegionIndex.TILE + 5;
        int gridCols = 4 * RegionIndex.TILE + 11;
        Random random = new Random(7);
        List<Region> regions = new ArrayList<>();
        RegionIndex index = new RegionIndex(gridRows, gridCols, regions);
        int overlapsSeen = 0;
        for (int tries = 0; tries < 3_000; tries++) {
            // mostly small regions, now and then one spanning several tiles
            Region r = randomRegion(random, gridRows, gridCols, tries % 10 == 0 ? 2 * RegionIndex.TILE + 3 : 12);
            int expected = firstOverlapByScan(regions, r);
            assertEquals(expected, index.firstOverlap(r), "first overlap of " + r);
            if (expected < 0) {
                regions.add(r);
                index.add(regions.size() - 1, r);
            } else {
                overlapsSeen++;
            }
        }
        assertTrue(regions.size() > 50 && overlapsSeen > 50, regions.size() + " placed, " + overlapsSeen + " rejected");
        for (int row = 0; row < gridRows; row++) {
            for (int col = 0; col < gridCols; col++) {
                assertEquals(ownerByScan(regions, row, col), index.ownerOf(row, col), "owner of (" + row + "," + col + ")");
            }
        }
    }

    @Test
    void wafer_overlapMessage_namesTheFirstRegionClaimed() {
        Wafer w = new Wafer(WaferSpec.wse3().withGrid(100, 100), 0);
        w.allocate(new Region(40, 40, 30, 30), "big");
        w.allocate(new Region(0, 0, 10, 10), "corner");
        // overlaps both; "big" was claimed first
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> w.allocate(new Region(5, 5, 40, 40), "late"));
        assertTrue(e.getMessage().contains("overlaps big at core (40,40)"), e.getMessage());
        assertEquals(1, w.ownerOf(9, 9));
        assertEquals(-1, w.ownerOf(10, 10));
        assertEquals(0, w.ownerOf(69, 69));
    }
}
