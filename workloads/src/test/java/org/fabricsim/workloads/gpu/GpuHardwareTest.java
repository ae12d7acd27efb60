package org.fabricsim.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.GpuDescription;
import org.fabricsim.fabric.gpu.GpuSpec;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelRef;
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
        GpuDescription g = whatIf("b200", 12e12, null, null, null).spec();
        assertEquals(12e12, g.hbmBandwidthBytesPerS());
        assertEquals(b200.hbmBytes(), g.hbmBytes());
        assertEquals(b200.peakFlopsFp4(), g.peakFlopsFp4());
        assertEquals(b200.nvlinkBytesPerSPerDirection(), g.nvlinkBytesPerSPerDirection());
        // nvlink_bandwidth is the data-sheet figure, both directions together
        assertEquals(0.9e12, new GpuHardware("b200", null, null, null, 1.8e12, null, null, null, null, null, null, null,
                null, null, null, null, null, null).spec()
                .nvlinkBytesPerSPerDirection());
    }

    @Test
    void aGpuFromScratchNeedsEveryFigureAndAName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GpuHardware(null, "x1", null, 5e12, null, 1e15, 2e15, 0.0, null, null, null, null, null, null, null, null,
                        null, null));
        assertTrue(e.getMessage().contains("missing hbm_bytes, nvlink_bandwidth"), e.getMessage());
        GpuDescription g = new GpuHardware(null, "x1", 96_000_000_000L, 5e12, 1e12, 1e15, 2e15, 0.0, 100, 1.5e9, 1e-6, 5e-7,
                40_000_000L, 5e12, 800.0, 80.0, 3000.0, null).spec();
        assertEquals("x1", g.name());
        assertEquals(0.5e12, g.nvlinkBytesPerSPerDirection());
    }

    @Test
    void figuresOutsidePhysicalBoundsAreRefusedByName() {
        // 12 without a unit is 12 B/s: a typo, not a GPU
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GpuHardware("h200", null, null, 12.0, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null));
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
        double fast = decodeStepS(whatIf("h200", 9.6e12, null, null, null), m);
        // batch-1 decode streams 16 GB of weights: it speeds up, and by no more than the bandwidth grew
        assertTrue(fast < 0.8 * base, "2x HBM: " + fast + " s vs " + base + " s");
        assertTrue(fast >= 0.5 * base * (1 - 1e-9), "faster than bandwidth allows: " + fast + " vs " + base);
    }

    /** A catalog GPU with some figures changed (null: the base's). */
    private static GpuHardware whatIf(String base, Double hbmBandwidth, Integer sms, Double clock, Double launch) {
        return new GpuHardware(base, null, null, hbmBandwidth, null, null, null, null, sms, clock, launch, null, null,
                null, null, null, null, null);
    }

    /** Simulated seconds of one decode step of {@code batch} sequences at {@code context} tokens, tensor-parallel. */
    private static double stepS(GpuHardware gpu, String model, int tp, int batch, int context, boolean prefill) {
        GpuSystemConfig c = new GpuSystemConfig("g", ModelRef.named(model), null, gpu, null, null, tp, 1, 1, 1, null,
                null, null, null, null, null, null, null, null, null, null, null);
        List<Step.SequenceWork> work = new java.util.ArrayList<>();
        for (int i = 0; i < batch; i++) {
            work.add(new Step.SequenceWork(i, prefill ? context : 1, prefill ? 0 : context, prefill));
        }
        Timeline timeline = new Timeline();
        double[] end = {Double.NaN};
        c.deploy(ModelCatalog.get(model), null, timeline, new RandomStreams(1)).replicas().get(0)
                .submit(new Step(work, 0), () -> end[0] = timeline.now());
        timeline.run();
        return end[0];
    }

    @Test
    void aLongContextBatch_isHbmBound_soTwiceTheBandwidthNearlyHalvesItsStep() {
        // 32 sequences at 8k context on one H200: 34 GB of KV and 16 GB of weights a step, streamed over every SM
        double base = stepS(GpuHardware.named("h200"), "llama-3.1-8b", 1, 32, 8192, false);
        double fast = stepS(whatIf("h200", 9.6e12, null, null, null), "llama-3.1-8b", 1, 32, 8192, false);
        assertTrue(fast < 0.6 * base && fast >= 0.5 * base * (1 - 1e-9), fast + " vs " + base);
    }

    @Test
    void aTensorParallelSingleStream_isLatencyBound_soBandwidthBuysLittleAndLaunchLatencyBuysMore() {
        // 8B over 8 B200 at batch 1: 2 GB per GPU streams in 0.25 ms, against ~300 kernels and 64 all-reduces a step
        // that each pay a launch and a latency
        double base = stepS(GpuHardware.named("b200"), "llama-3.1-8b", 8, 1, 128, false);
        double hbm = stepS(whatIf("b200", 16e12, null, null, null), "llama-3.1-8b", 8, 1, 128, false);
        double launch = stepS(whatIf("b200", null, null, null, 0.5e-6), "llama-3.1-8b", 8, 1, 128, false);
        assertTrue(hbm > 0.85 * base && hbm <= base, "2x HBM: " + hbm + " vs " + base);
        assertTrue(launch < base && base - launch > base - hbm, "half the launch latency: " + launch + " vs " + base
                + ", 2x HBM: " + hbm);
    }

    @Test
    void aComputeBoundPrefill_scalesWithSmsAndClock_andNotWithHbm() {
        // a 4k-token prompt at batch 1: 2 x 8B x 4k = 66 TFLOP against 16 GB of weights
        double base = stepS(GpuHardware.named("h100"), "llama-3.1-8b", 1, 1, 4096, true);
        double sms = stepS(whatIf("h100", null, 264, null, null), "llama-3.1-8b", 1, 1, 4096, true);
        double clock = stepS(whatIf("h100", null, null, 2 * GpuSpec.H100_SXM.clockHz(), null), "llama-3.1-8b", 1, 1,
                4096, true);
        double hbm = stepS(whatIf("h100", 6.7e12, null, null, null), "llama-3.1-8b", 1, 1, 4096, true);
        assertTrue(sms < 0.65 * base && sms >= 0.5 * base * (1 - 1e-9), "2x SMs: " + sms + " vs " + base);
        assertTrue(clock < 0.65 * base && clock >= 0.5 * base * (1 - 1e-9), "2x clock: " + clock + " vs " + base);
        assertTrue(hbm > 0.9 * base, "2x HBM: " + hbm + " vs " + base);
    }

    @Test
    void moreSmsOrAFasterClock_scaleTheBasePeaks() {
        GpuSpec h100 = GpuSpec.H100_SXM;
        GpuSpec g = (GpuSpec) whatIf("h100", null, 264, 0.5 * h100.clockHz(), null).spec();
        assertEquals(h100.peakFlopsBf16(), g.peakFlopsBf16(), 1e-6 * h100.peakFlopsBf16());
        assertEquals(h100.flopsPerSmCycle(org.fabricsim.fabric.api.MathPrecision.FP8),
                g.flopsPerSmCycle(org.fabricsim.fabric.api.MathPrecision.FP8), 1e-9);
    }
}
