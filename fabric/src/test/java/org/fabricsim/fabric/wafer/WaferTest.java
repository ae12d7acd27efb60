package org.fabricsim.fabric.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fabricsim.fabric.api.Region;
import org.junit.jupiter.api.Test;

class WaferTest {

    @Test
    void fullWse3_instantiatesEveryCore() {
        Wafer w = new Wafer(WaferSpec.wse3(), 4096);
        assertEquals(762L * 1172, w.spec().cores());
        assertEquals(-1, w.ownerOf(761, 1171));
        assertEquals(0, w.sramUsedBytes(761, 1171));
        // 48 KB per core x 893k cores ~ 44 GB, the published WSE-3 SRAM
        assertEquals(44e9, w.spec().sramBytes(), 0.02 * 44e9);
    }

    @Test
    void placeBeyondCapacity_namesRegionLabelAndShortfall() {
        Wafer w = new Wafer(WaferSpec.wse3().withGrid(16, 16), 4096);
        int id = w.allocate(new Region(0, 0, 4, 4), "layer 7 attention");
        w.place(id, 40_000, "weights");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.place(id, 10_000, "kv cache"));
        assertTrue(e.getMessage().contains("layer 7 attention"), e.getMessage());
        assertTrue(e.getMessage().contains("4x4@(0,0)"), e.getMessage());
        long shortPerCore = 50_000 - (48 * 1024 - 4096);
        assertTrue(e.getMessage().contains(String.format("%,d B per core", shortPerCore)), e.getMessage());
        // the failed placement left the cores as they were
        assertEquals(40_000, w.sramUsedBytes(3, 3));
    }

    @Test
    void overlappingRegion_isRejected() {
        Wafer w = new Wafer(WaferSpec.wse3().withGrid(16, 16), 0);
        w.allocate(new Region(0, 0, 8, 8), "a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.allocate(new Region(7, 7, 2, 2), "b"));
        assertTrue(e.getMessage().contains("overlaps a"), e.getMessage());
        w.allocate(new Region(8, 8, 8, 8), "c");
        assertEquals(128, w.coresUsed());
    }

    @Test
    void regionOutsideGrid_isRejected() {
        Wafer w = new Wafer(WaferSpec.wse3().withGrid(16, 16), 0);
        assertThrows(IllegalArgumentException.class, () -> w.allocate(new Region(10, 0, 7, 4), "x"));
    }

    @Test
    void meshLinks_wse3_aboutThreePointSixMillion() {
        long links = WaferSpec.wse3().meshLinks();
        assertEquals(4L * 762 * 1172 - 2 * 762 - 2 * 1172, links);
        assertTrue(links > 3_500_000 && links < 3_600_000);
    }
}
