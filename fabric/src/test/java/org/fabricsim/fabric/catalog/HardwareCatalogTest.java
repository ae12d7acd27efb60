package org.fabricsim.fabric.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fabricsim.fabric.gpu.GpuSpec;
import org.fabricsim.fabric.gpu.Interconnect;
import org.fabricsim.fabric.wafer.WaferCalibration;
import org.fabricsim.fabric.wafer.WaferSpec;
import org.junit.jupiter.api.Test;

/** The shipped catalog against the published figures of ../shared/reference/hardware.md. */
class HardwareCatalogTest {
    private final HardwareCatalog catalog = HardwareCatalog.builtIn();

    @Test
    void builtInGpus_matchPublishedDatasheetFigures() {
        GpuSpec h100 = GpuSpec.named("h100");
        assertEquals(80e9, h100.hbmBytes());            // 80 GB HBM3
        assertEquals(3.35e12, h100.hbmBandwidthBytesPerS()); // 3.35 TB/s
        assertEquals(900e9, 2 * h100.nvlinkBytesPerSPerDirection()); // 900 GB/s bidirectional
        assertEquals(141e9, GpuSpec.named("h200").hbmBytes());
        assertEquals(4.8e12, GpuSpec.named("h200").hbmBandwidthBytesPerS());
        GpuSpec b200 = GpuSpec.named("b200");
        assertEquals(8e12, b200.hbmBandwidthBytesPerS());
        assertEquals(1.8e12, 2 * b200.nvlinkBytesPerSPerDirection());
        assertEquals(2 * b200.peakFlopsBf16(), b200.peakFlopsFp8()); // FP8 doubles BF16
        assertTrue(b200.hasFp4());
        assertEquals(GpuSpec.named("h100"), GpuSpec.named("H100-SXM"));
    }

    @Test
    void builtInWafers_matchPublishedCoreCountsAndSram() {
        WaferSpec wse2 = WaferSpec.named("wse2");
        // the usable fabric is a part of the published 850,000 cores and 40 GB SRAM (edges reserved)
        assertTrue(wse2.cores() <= 850_000 && wse2.cores() > 0.85 * 850_000, "cores " + wse2.cores());
        assertTrue(wse2.sramBytes() <= 40e9 && wse2.sramBytes() > 0.85 * 40e9, "sram " + wse2.sramBytes());
        assertEquals(WaferCalibration.WSE2_CLOCK_HZ, wse2.clockHz());
        WaferSpec wse3 = WaferSpec.named("wse3");
        assertTrue(wse3.cores() <= 900_000 && wse3.cores() > 0.85 * 900_000, "cores " + wse3.cores()); // 900,000 published
        assertEquals(WaferCalibration.WSE3_CLOCK_HZ, wse3.clockHz());
        assertEquals(WaferCalibration.HOP_CYCLES, wse3.hopCycles());
        assertEquals(12 * 100e9 / 8, wse3.ioPorts() * wse3.ioPortBandwidthBytesPerS()); // 12 x 100 GbE
    }

    @Test
    void interconnectsAndLinks_matchLineRates() {
        assertEquals(400e9 / 8, Interconnect.NDR.bytesPerS());
        assertEquals(800e9 / 8, Interconnect.XDR.bytesPerS());
        assertEquals(12 * 100e9 / 8, catalog.interWaferLinkBandwidthBytesPerS("ethernet_12x100g"));
        assertEquals(WaferCalibration.INTER_WAFER_LATENCY_S, catalog.interWaferLinkLatencyS("ethernet_12x100g"));
    }

    @Test
    void unknownName_isRefusedListingTheCatalog() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GpuSpec.named("a100"));
        assertTrue(e.getMessage().contains("b200, h100, h200") && e.getMessage().contains("a100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WaferSpec.named("wse9"));
    }

    @Test
    void figureWithoutSource_isRefusedNamingFileEntryAndField() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HardwareCatalog.load("org/fabricsim/fabric/catalog/unsourced.yaml"));
        assertTrue(e.getMessage().contains("unsourced.yaml") && e.getMessage().contains("gpus.x1")
                && e.getMessage().contains("hbm_bytes"), e.getMessage());
    }
}
