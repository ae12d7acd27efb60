package org.fabricsim.workloads.wafer;

import org.fabricsim.fabric.api.WaferDescription;
import org.fabricsim.workloads.model.ModelRef;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fabricsim.fabric.wafer.WaferSpec;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.junit.jupiter.api.Test;

class WaferHardwareTest {

    @Test
    void aCatalogNameIsTheCatalogWafer() {
        WaferSpec wse3 = WaferSpec.wse3();
        assertEquals(wse3, WaferHardware.named("wse3").spec(wse3.hopCycles()));
    }

    @Test
    void aDerivedWaferChangesOnlyWhatItNames() {
        WaferDescription s = derived(1.4e9, 8).spec(2.0);
        WaferSpec wse3 = WaferSpec.wse3();
        assertEquals(1.4e9, s.clockHz());
        assertEquals(8, s.linkBytesPerCycle());
        assertEquals(wse3.rows(), s.rows());
        assertEquals(wse3.sramBytesPerCore(), s.sramBytesPerCore());
        assertEquals(8 * 1.4e9, s.linkBytesPerCycle() * s.clockHz());
    }

    @Test
    void boundsAndMissingFiguresAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> derived(1.4, 4));
        assertTrue(e.getMessage().startsWith("clock: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WaferHardware(null, "w", 10, 10, null, null, null,
                null, null, 1e9, null, null, null, null, null, null, null));
        assertTrue(e.getMessage().contains("missing sram_bytes_per_core"), e.getMessage());
    }

    private static WaferHardware derived(Double clock, Integer linkBytes) {
        return new WaferHardware("wse3", null, null, null, null, null, null, null, null, clock, linkBytes, null, null, null, null, null, null);
    }

    private static double decodeS(WaferHardware wafer) {
        ModelSpec m = ModelCatalog.get("llama-3.1-8b");
        WaferSystemConfig c = new WaferSystemConfig("test", ModelRef.named(m.name()), ServingPolicy.DEFAULT, wafer, null, null, null,
                null, null, null, null, null, null, "analytic", null, null);
        return WaferHarness.median(new WaferHarness(c, m).decodeStepTimes(512, 5));
    }

    @Test
    void aFasterClockSpeedsTheStepByAtMostTheClockRatio() {
        double base = decodeS(WaferHardware.named("wse3"));
        double fast = decodeS(derived(1.4e9, null));
        // everything on the wafer is counted in cycles; only the inter-wafer link keeps its seconds
        assertTrue(fast < base, fast + " vs " + base);
        assertTrue(fast >= base * 1.1 / 1.4 * (1 - 1e-9), fast + " vs " + base);
    }

    @Test
    void widerMeshLinksNeverSlowTheStep() {
        double base = decodeS(WaferHardware.named("wse3"));
        double wide = decodeS(derived(null, 8));
        assertTrue(wide <= base, wide + " vs " + base);
    }
}
