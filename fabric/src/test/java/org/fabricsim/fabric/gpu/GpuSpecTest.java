package org.fabricsim.fabric.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fabricsim.fabric.api.MathPrecision;
import org.junit.jupiter.api.Test;

class GpuSpecTest {

    @Test
    void presets_matchHardwareReference() {
        assertEquals(80e9, GpuSpec.H100_SXM.hbmBytes(), 1);
        assertEquals(3.35e12, GpuSpec.H100_SXM.hbmBandwidthBytesPerS(), 1);
        assertEquals(2 * GpuSpec.H100_SXM.peakFlopsBf16(), GpuSpec.H100_SXM.peakFlopsFp8(), 1e12,
                "FP8 dense peak is twice BF16 on Hopper");
        assertEquals(GpuSpec.H100_SXM.peakFlopsFp8(), GpuSpec.H200.peakFlopsFp8(), 1, "H200 compute is H100's");
        assertEquals(900e9, 2 * GpuSpec.H200.nvlinkBytesPerSPerDirection(), 1, "900 GB/s bidirectional");
        assertEquals(1.8e12, 2 * GpuSpec.B200.nvlinkBytesPerSPerDirection(), 1);
    }

    @Test
    void fp4_fallsBackToFp8_onHopper() {
        assertEquals(GpuSpec.H100_SXM.peakFlopsFp8(), GpuSpec.H100_SXM.peakFlops(MathPrecision.FP4));
        assertEquals(9e15, GpuSpec.B200.peakFlops(MathPrecision.FP4));
        assertTrue(GpuSpec.B200.hasFp4());
    }

    @Test
    void named_acceptsKnownAndRefusesUnknown() {
        assertEquals(GpuSpec.H200, GpuSpec.named("H200"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GpuSpec.named("a100"));
        assertTrue(e.getMessage().contains("gpu") && e.getMessage().contains("a100"));
    }

    @Test
    void constructor_namesTheBadField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GpuSpec("x", 1, -3, 1, 1, 0, 1, 132, 1.8e9, 1e-6, 5e-7, 50_000_000L, 7e12));
        assertTrue(e.getMessage().startsWith("hbmBandwidthBytesPerS"), e.getMessage());
    }

    @Test
    void calibration_refusesEfficienciesAboveOne() {
        GpuCalibration d = GpuCalibration.DEFAULT;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GpuCalibration(1.2, d.flopEfficiency(), d.eagerLaunchExtraS(),
                        d.elementwiseKernelsPerLayer(), d.nvlinkProtocolEfficiency(), d.nvlsAlgBandwidthFraction(),
                        d.infinibandEfficiency(), d.nvlinkHopLatencyS(), d.nicLatencyS(), d.switchHopLatencyS(),
                        d.collectiveStepOverheadS(), d.workspaceFractionOfHbm(),
                        d.bytesInFlightPerSm(), d.dequantWeightsPerSmCycle(), d.splitKMinDepth()));
        assertTrue(e.getMessage().startsWith("hbmBandwidthEfficiency"), e.getMessage());
    }
}
