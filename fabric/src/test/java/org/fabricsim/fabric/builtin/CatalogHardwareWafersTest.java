package org.fabricsim.fabric.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.fabric.api.WaferDescription;
import org.fabricsim.fabric.api.WaferFloorplan;
import org.fabricsim.fabric.wafer.Wafer;
import org.fabricsim.fabric.wafer.WaferSpec;
import org.junit.jupiter.api.Test;

/** A pipeline's wafers have the floorplans' regions under the same ids, whoever made the floorplans. */
class CatalogHardwareWafersTest {

    /** A floorplan of someone else's making: regions and labels, nothing stored. */
    private record Listed(WaferDescription spec, List<Region> regions) implements WaferFloorplan {
        @Override
        public int allocate(Region r, String label) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void place(int regionId, long bytesPerCore, String what) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Region region(int regionId) {
            return regions.get(regionId);
        }

        @Override
        public String label(int regionId) {
            return "region " + regionId;
        }

        @Override
        public int regionCount() {
            return regions.size();
        }

        @Override
        public int usableBytesPerCore() {
            return spec.sramBytesPerCore();
        }

        @Override
        public long freeBytesPerCore(int regionId) {
            return spec.sramBytesPerCore();
        }

        @Override
        public long coresUsed() {
            return regions.stream().mapToLong(Region::cores).sum();
        }

        @Override
        public long sramBytesUsed() {
            return 0;
        }
    }

    private static final List<Region> REGIONS = List.of(new Region(0, 0, 4, 8), new Region(4, 0, 2, 2), new Region(10, 10, 6, 6));

    @Test
    void wafers_ofTheHardwaresOwnFloorplan_isThatWafer() {
        Wafer own = new Wafer(WaferSpec.wse3().withGrid(16, 16), 4096);
        for (Region r : REGIONS) {
            own.place(own.allocate(r, r.toString()), 1000, "weights");
        }
        assertSame(own, CatalogHardware.wafers(List.of(own)).get(0));
    }

    @Test
    void wafers_ofAnotherFloorplan_claimsItsRegionsUnderTheSameIds() {
        Listed other = new Listed(WaferSpec.wse3().withGrid(16, 16), REGIONS);
        Wafer w = CatalogHardware.wafers(List.of(other)).get(0);
        assertNotSame(other, w);
        assertEquals(REGIONS.size(), w.regionCount());
        for (int i = 0; i < REGIONS.size(); i++) {
            assertEquals(REGIONS.get(i), w.region(i));
            assertEquals(i, w.ownerOf(REGIONS.get(i).row0(), REGIONS.get(i).col0()));
        }
        assertEquals(other.coresUsed(), w.coresUsed());
    }
}
