package org.fabricsim.fabric.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fabricsim.core.flow.LinkClassUsage;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.Collective;
import org.fabricsim.fabric.api.GemmShape;
import org.fabricsim.fabric.api.KernelSequence;
import org.fabricsim.fabric.api.KernelWork;
import org.fabricsim.fabric.api.MathPrecision;
import org.fabricsim.fabric.api.MeshWork;
import org.fabricsim.fabric.api.Work;
import org.junit.jupiter.api.Test;

/** The GPU fabric's operations against the physics they stand for: rooflines, ring volumes, link rates. */
class GpuFabricTest {
    private static final GpuSpec H100 = GpuSpec.H100_SXM;
    private static final GpuCalibration CAL = GpuCalibration.DEFAULT;
    private static final double LAUNCH = H100.launchLatencyS();
    private static final double NVLINK_BYTES_PER_S = H100.nvlinkBytesPerSPerDirection() * CAL.nvlinkProtocolEfficiency();

    private final Timeline timeline = new Timeline();

    private GpuFabric fabric(int nodes, String allReduce, int replicaGpus, int replicas) {
        return new GpuFabric(GpuClusterSpec.standard(H100, nodes, Interconnect.NDR, FabricTopology.RAIL_OPTIMIZED), CAL,
                true, allReduce, timeline, replicaGpus, replicas);
    }

    /** Runs {@code chain} from the timeline's time; returns how long until its last operation's {@code done} ran. */
    private double run(GpuFabric f, java.util.function.Consumer<Runnable> chain) {
        double start = timeline.now();
        double[] end = {Double.NaN};
        f.begin(() -> chain.accept(() -> end[0] = timeline.now()));
        timeline.run();
        return end[0] - start;
    }

    private double computeS(GpuFabric f, int gpu, Work w) {
        return run(f, done -> f.compute(gpu, w, () -> f.deliver(done)));
    }

    private static LinkClassUsage row(GpuFabric f, String linkClass) {
        return f.usage().stream().filter(u -> u.linkClass().equals(linkClass)).findFirst().orElseThrow();
    }

    @Test
    void aComputeBoundKernel_takesItsFlopsOverTheAchievedPeak_plusOneLaunch() {
        double flops = 4e14;
        double t = computeS(fabric(1, "auto", 1, 1), 0, KernelWork.streaming(flops, 1e6, MathPrecision.BF16));
        assertEquals(flops / (H100.peakFlopsBf16() * CAL.flopEfficiency()) + LAUNCH, t, 1e-12 * t);
    }

    @Test
    void aMemoryBoundKernel_takesItsBytesOverTheAchievedHbmBandwidth_plusOneLaunch() {
        double bytes = 2e10;
        double t = computeS(fabric(1, "auto", 1, 1), 0, KernelWork.streaming(1e6, bytes, MathPrecision.FP8));
        assertEquals(H100.hbmLatencyS() + bytes / (H100.hbmBandwidthBytesPerS() * CAL.hbmBandwidthEfficiency()) + LAUNCH,
                t, 1e-12 * t);
    }

    @Test
    void fp8DoublesTheComputeBoundRate() {
        GpuFabric f = fabric(1, "auto", 1, 1);
        double bf16 = computeS(f, 0, KernelWork.streaming(4e14, 0, MathPrecision.BF16)) - LAUNCH;
        double fp8 = computeS(f, 0, KernelWork.streaming(4e14, 0, MathPrecision.FP8)) - LAUNCH;
        assertEquals(H100.peakFlopsFp8() / H100.peakFlopsBf16(), bf16 / fp8, 1e-9);
    }

    @Test
    void aSequence_takesTheSumOfItsKernels_andMetersEveryByteOnItsGpu() {
        GpuFabric f = fabric(1, "auto", 2, 1);
        KernelWork a = KernelWork.streaming(1e12, 3e8, MathPrecision.BF16);
        KernelWork b = KernelWork.streaming(0, 5e8, MathPrecision.BF16);
        double t = computeS(f, 1, new KernelSequence(a, new KernelSequence(b, a)));
        double ta = f.kernelS(a);
        double tb = f.kernelS(b);
        assertEquals(ta + tb + ta, t, 1e-12 * t);
        assertEquals(3e8 + 5e8 + 3e8, f.hbmBytes(1));
        assertEquals(0, f.hbmBytes(0));
        // the HBM row accounts for every byte the kernels moved, on the deployed GPUs only
        LinkClassUsage hbm = row(f, "hbm");
        assertEquals(2, hbm.links());
        assertEquals(11e8, hbm.bytesCarried(), 1e-3);
    }

    @Test
    void computeEach_endsWithTheSlowestGpu_andMetersEachGpuItsOwnWork() {
        GpuFabric f = fabric(1, "auto", 4, 1);
        KernelWork small = KernelWork.streaming(0, 1e8, MathPrecision.BF16);
        KernelWork big = KernelWork.streaming(0, 9e8, MathPrecision.BF16);
        // GPUs 0 and 1 share one instance (a tensor-parallel group's work): timed once, metered on each
        double t = run(f, done -> f.computeEach(new int[] {0, 1, 2, 3}, new Work[] {small, small, big, small}, 4,
                () -> f.deliver(done)));
        assertEquals(f.kernelS(big), t, 1e-15);
        assertEquals(1e8, f.hbmBytes(0));
        assertEquals(1e8, f.hbmBytes(1));
        assertEquals(9e8, f.hbmBytes(2));
        assertEquals(1e8, f.hbmBytes(3));
    }

    /** Ring on one NVSwitch node: n flows, each GPU's uplink to the next; 2(n-1) steps of overhead, 2(n-1)-1 of latency. */
    private static double ringS(int n, long bytes) {
        double routeLatency = 2 * CAL.nvlinkHopLatencyS();
        int steps = 2 * (n - 1);
        return LAUNCH + steps * CAL.collectiveStepOverheadS() + (steps - 1) * routeLatency + routeLatency
                + Collectives.ringBytesPerGpu(n, bytes) / NVLINK_BYTES_PER_S;
    }

    @Test
    void aRingAllReduceOverNvlink_movesTwoNMinusOneOverNOfTheBufferPerGpu_atTheLinkRate() {
        long bytes = 8L << 20;
        int n = 8;
        GpuFabric f = fabric(1, "ring", n, 1);
        int[] gpus = {0, 1, 2, 3, 4, 5, 6, 7};
        double t = run(f, done -> f.collective(new Collective.AllReduce(gpus, bytes), done));
        assertEquals(ringS(n, bytes), t, 1e-12 * t);
        // each GPU sends 2(n-1)/n of the buffer up its NVLink port and receives as much down another
        assertEquals(2.0 * (n - 1) / n * bytes, Collectives.ringBytesPerGpu(n, bytes), 0);
        assertEquals(2.0 * n * Collectives.ringBytesPerGpu(n, bytes), row(f, "nvlink").bytesCarried(), 1e-6);
    }

    @Test
    void aReplicaAloneOnItsNode_runsItsAllReduceInClosedForm_inTheTimeTheFlowsTake() {
        long bytes = 3L << 20;
        int[] gpus = {0, 1, 2, 3};
        // alone: 4 GPUs of 8, the node's other GPUs idle; shared: a second replica holds the node's other 4
        GpuFabric alone = fabric(1, "ring", 4, 1);
        double aloneS = run(alone, done -> alone.collective(new Collective.AllReduce(gpus, bytes), done));
        long aloneEvents = timeline.eventsExecuted();
        Timeline other = new Timeline();
        GpuFabric shared = new GpuFabric(GpuClusterSpec.standard(H100, 1, Interconnect.NDR,
                FabricTopology.RAIL_OPTIMIZED), CAL, true, "ring", other, 4, 2);
        double[] end = {Double.NaN};
        shared.begin(() -> shared.collective(new Collective.AllReduce(gpus, bytes), () -> end[0] = other.now()));
        other.run();
        assertEquals(ringS(4, bytes), aloneS, 1e-12 * aloneS);
        assertEquals(aloneS, end[0], 1e-12 * aloneS);
        assertTrue(aloneEvents < other.eventsExecuted(), aloneEvents + " vs " + other.eventsExecuted());
        assertEquals(row(alone, "nvlink").bytesCarried(), row(shared, "nvlink").bytesCarried(), 1e-6);
    }

    @Test
    void computeBeforeACollective_delaysItsStart() {
        long bytes = 8L << 20;
        GpuFabric f = fabric(1, "ring", 8, 1);
        int[] gpus = {0, 1, 2, 3, 4, 5, 6, 7};
        KernelWork k = KernelWork.streaming(0, 1e9, MathPrecision.BF16);
        double t = run(f, done -> f.computeEach(gpus, new Work[] {k, k, k, k, k, k, k, k}, 8,
                () -> f.collective(new Collective.AllReduce(gpus, bytes), done)));
        assertEquals(f.kernelS(k) + ringS(8, bytes), t, 1e-12 * t);
    }

    @Test
    void aTransferBetweenNodes_crossesTheNicsAtTheirRate_andEveryByteIsCounted() {
        long bytes = 50_000_000;
        GpuFabric f = fabric(2, "auto", 16, 1);
        double t = run(f, done -> f.transfer(0, 8, bytes, done));
        double nicBytesPerS = Interconnect.NDR.bytesPerS() * CAL.infinibandEfficiency();
        // same rail, same leaf: up the sender's NIC and down the receiver's
        double latency = CAL.nicLatencyS() + CAL.switchHopLatencyS() + CAL.nicLatencyS();
        assertEquals(LAUNCH + CAL.collectiveStepOverheadS() + latency + bytes / nicBytesPerS, t, 1e-12 * t);
        assertEquals(2.0 * bytes, row(f, "infiniband").bytesCarried(), 1e-6);
        assertEquals(0, row(f, "nvlink").bytesCarried());
    }

    @Test
    void anExpertExchange_runsTheSlowestExpertsBetweenDispatchAndCombine() {
        GpuFabric f = fabric(1, "auto", 2, 1);
        int[] gpus = {0, 1};
        long[][] dispatch = {{0, 4_000_000}, {2_000_000, 0}};
        long[][] combine = {{0, 8_000_000}, {4_000_000, 0}};
        KernelWork experts = KernelWork.streaming(0, 3e9, MathPrecision.BF16);
        double dispatchS = run(f, done -> f.collective(new Collective.AllToAll(gpus, dispatch), done));
        double combineS = run(f, done -> f.collective(new Collective.AllToAll(gpus, combine), done));
        double exchangeS = run(f, done -> f.collective(new Collective.AllToAllCompute(gpus, dispatch,
                new Work[] {experts, KernelSequence.EMPTY}, combine), done));
        assertEquals(dispatchS + f.kernelS(experts) + combineS, exchangeS, 1e-12 * exchangeS);
        // every byte crosses its sender's uplink and its receiver's downlink, twice over three runs
        assertEquals(2.0 * 2 * (6_000_000 + 12_000_000), row(f, "nvlink").bytesCarried(), 1e-6);
        assertEquals(3e9, f.hbmBytes(0));
    }

    @Test
    void refusesMeshWork_andAReplicaLayoutBeyondTheCluster() {
        GpuFabric f = fabric(1, "auto", 1, 1);
        assertThrows(IllegalArgumentException.class, () -> f.compute(0, new MeshWork(java.util.List.of()), () -> { }));
        assertThrows(IllegalArgumentException.class, () -> fabric(1, "auto", 8, 2));
    }

    /** A random kernel, or (at depth) a random sequence of them, some nested. */
    private static Work randomWork(java.util.Random r, int depth) {
        if (depth == 0 || r.nextInt(3) == 0) {
            MathPrecision p = MathPrecision.values()[r.nextInt(MathPrecision.values().length)];
            double hbm = Math.pow(10, 3 + 6 * r.nextDouble());
            double activations = r.nextBoolean() ? 0 : hbm * r.nextDouble();
            double flops = r.nextBoolean() ? 0 : Math.pow(10, 6 + 8 * r.nextDouble());
            GemmShape shape = r.nextBoolean() ? null
                    : new GemmShape(1 + r.nextInt(300), 128 + r.nextInt(8000), 128 + r.nextInt(8000), 1 + r.nextInt(8),
                            r.nextBoolean());
            return new KernelWork(flops, hbm, activations, p, shape);
        }
        Work[] parts = new Work[1 + r.nextInt(4)];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = randomWork(r, depth - 1);
        }
        return new KernelSequence(parts);
    }

    /** The same work as new instances throughout (so nothing of it can have been timed before). */
    private static Work copy(Work w) {
        if (w instanceof KernelSequence s) {
            Work[] parts = new Work[s.parts().length];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = copy(s.parts()[i]);
            }
            return new KernelSequence(parts);
        }
        KernelWork k = (KernelWork) w;
        return new KernelWork(k.flops(), k.hbmBytes(), k.activationBytes(), k.precision(), k.gemm());
    }

    /**
     * Sequences handed over again are timed from what the fabric kept: every phase ends at the same time, and every
     * GPU meters the same HBM bytes, to the last bit, as on a fabric handed fresh copies each time (the walk of the
     * uncached computation), over more sequences than the fabric keeps, on random GPUs, one GPU or a whole phase.
     */
    @Test
    void sequencesHandedOverAgain_takeTheSameTimeAndMeterTheSameBytes_asFreshCopies() {
        java.util.Random r = new java.util.Random(21);
        Work[] pool = new Work[3 * SequenceTimes.SLOTS];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = randomWork(r, 3);
        }
        Timeline kept = new Timeline();
        Timeline fresh = new Timeline();
        GpuClusterSpec spec = GpuClusterSpec.standard(H100, 1, Interconnect.NDR, FabricTopology.RAIL_OPTIMIZED);
        GpuFabric again = new GpuFabric(spec, CAL, true, "auto", kept, 8, 1);
        GpuFabric copies = new GpuFabric(spec, CAL, true, "auto", fresh, 8, 1);
        int[] gpus = {0, 1, 2, 3, 4, 5, 6, 7};
        for (int step = 0; step < 6 * pool.length; step++) {
            Work w = pool[r.nextInt(pool.length)];
            if (r.nextBoolean()) {
                int gpu = r.nextInt(8);
                again.begin(() -> again.compute(gpu, w, () -> again.deliver(() -> { })));
                Work c = copy(w);
                copies.begin(() -> copies.compute(gpu, c, () -> copies.deliver(() -> { })));
            } else {
                Work[] each = new Work[8];
                Work[] eachCopy = new Work[8];
                for (int k = 0; k < 8; k++) {
                    each[k] = k > 0 && r.nextBoolean() ? each[k - 1] : pool[r.nextInt(pool.length)];
                    eachCopy[k] = k > 0 && each[k] == each[k - 1] ? eachCopy[k - 1] : copy(each[k]);
                }
                again.begin(() -> again.computeEach(gpus, each, 8, () -> again.deliver(() -> { })));
                copies.begin(() -> copies.computeEach(gpus, eachCopy, 8,
                        () -> copies.deliver(() -> { })));
            }
            kept.run();
            fresh.run();
            assertEquals(Double.doubleToLongBits(fresh.now()), Double.doubleToLongBits(kept.now()), "step " + step);
        }
        for (int g = 0; g < 8; g++) {
            assertEquals(Double.doubleToLongBits(copies.hbmBytes(g)), Double.doubleToLongBits(again.hbmBytes(g)));
        }
    }
}
