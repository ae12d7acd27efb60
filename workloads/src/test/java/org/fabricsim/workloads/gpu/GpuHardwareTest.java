package org.fabricsim.workloads.gpu;

import org.fabricsim.fabric.api.GpuDescription;
import org.fabricsim.workloads.model.ModelRef;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.gpu.GpuSpec;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.Step;
import org.junit.jupiter.api.Test;

class GpuHardwareTest {

    @Test
    void aCatalogNameIsTheCatalogGpu() {
        for (String n : List.of("h100", "h200", "b200")) {
            assertEquals(GpuSpec.named(n), GpuHardware.named(n).spec());
        }
    }

    @Test
    void aDerivedGpuChangesOnlyWhatItNames() {
        GpuSpec b200 = GpuSpec.B200;
        GpuDescription g = new GpuHardware("b200", null, null, 12e12, null, null, null, null, null, null, null, null).spec();
        assertEquals(12e12, g.hbmBandwidthBytesPerS());
        assertEquals(b200.hbmBytes(), g.hbmBytes());
        assertEquals(b200.peakFlopsFp4(), g.peakFlopsFp4());
        assertEquals(b200.nvlinkBytesPerSPerDirection(), g.nvlinkBytesPerSPerDirection());
        // nvlink_bandwidth is the data-sheet figure, both directions together
        assertEquals(0.9e12, new GpuHardware("b200", null, null, null, 1.8e12, null, null, null, null, null, null, null).spec()
                .nvlinkBytesPerSPerDirection());
    }

    @Test
    void aGpuFromScratchNeedsEveryFigureAndAName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GpuHardware(null, "x1", null, 5e12, null, 1e15, 2e15, 0.0, null, null, null, null));
        assertTrue(e.getMessage().contains("missing hbm_bytes, nvlink_bandwidth"), e.getMessage());
        GpuDescription g = new GpuHardware(null, "x1", 96_000_000_000L, 5e12, 1e12, 1e15, 2e15, 0.0, 800.0, 80.0, 3000.0, null).spec();
        assertEquals("x1", g.name());
        assertEquals(0.5e12, g.nvlinkBytesPerSPerDirection());
    }

    @Test
    void figuresOutsidePhysicalBoundsAreRefusedByName() {
        // 12 without a unit is 12 B/s: a typo, not a GPU
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GpuHardware("h200", null, null, 12.0, null, null, null, null, null, null, null, null));
        assertTrue(e.getMessage().startsWith("hbm_bandwidth: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GpuHardware.named("h300"));
        assertTrue(e.getMessage().startsWith("base: must be one of b200, h100, h200"), e.getMessage());
    }

    /** Simulated seconds of one batch-1 decode step on an idle replica. */
    private static double decodeStepS(GpuHardware gpu, ModelSpec model) {
        GpuSystemConfig c = new GpuSystemConfig("g", ModelRef.named(model.name()), null, gpu, null, null, 1, 1, 1, 1, null, null, null,
                null, null, null, null, null, null, null, null, null);
        Timeline timeline = new Timeline();
        double[] end = {Double.NaN};
        c.deploy(model, null, timeline, new RandomStreams(1)).replicas().get(0)
                .submit(new Step(List.of(new Step.SequenceWork(0, 1, 512, false)), 0), () -> end[0] = timeline.now());
        timeline.run();
        return end[0];
    }

    @Test
    void doublingHbmBandwidthSpeedsAMemoryBoundDecodeByAtMostTwo() {
        ModelSpec m = ModelCatalog.get("llama-3.1-8b");
        double base = decodeStepS(GpuHardware.named("h200"), m);
        double fast = decodeStepS(new GpuHardware("h200", null, null, 9.6e12, null, null, null, null, null, null, null, null), m);
        // batch-1 decode streams 16 GB of weights: it speeds up, and by no more than the bandwidth grew
        assertTrue(fast < 0.8 * base, "2x HBM: " + fast + " s vs " + base + " s");
        assertTrue(fast >= 0.5 * base * (1 - 1e-9), "faster than bandwidth allows: " + fast + " vs " + base);
    }
}
