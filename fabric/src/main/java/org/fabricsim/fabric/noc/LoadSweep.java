package org.fabricsim.fabric.noc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;

/**
 * Runs synthetic-traffic experiments on a {@link CycleLevelMesh} over the timeline and reports them
 * the way BookSim does: offered and accepted throughput and packet latency per injection rate, and
 * the saturation throughput.
 */
public final class LoadSweep {
    /** Cycles per timeline event when the mesh runs on the timeline. */
    static final int SLICE_CYCLES = 1024;
    /** A point is saturated when its mean latency exceeds this multiple of the zero-load latency. */
    public static final double SATURATION_LATENCY_FACTOR = 3.0;
    /** ... or when it accepts less than this fraction of what it was offered. */
    public static final double SATURATION_ACCEPTED_FRACTION = 0.95;

    private LoadSweep() {
    }

    /** Runs every rate (sorted ascending) with the same seed and finds the saturation point. */
    public static SweepResult sweep(SyntheticTrafficSpec spec, double[] rates, long seed) {
        return sweep(spec, rates, seed, p -> { });
    }

    /** As {@link #sweep(SyntheticTrafficSpec, double[], long)}, telling {@code onPoint} of each point as it completes. */
    public static SweepResult sweep(SyntheticTrafficSpec spec, double[] rates, long seed, Consumer<LoadPoint> onPoint) {
        double[] sorted = rates.clone();
        java.util.Arrays.sort(sorted);
        List<LoadPoint> points = new ArrayList<>();
        int saturation = -1;
        double zeroLoad = spec.zeroLoadLatencyCycles();
        for (double rate : sorted) {
            LoadPoint p = measure(spec, rate, seed);
            points.add(p);
            onPoint.accept(p);
            if (saturation < 0 && saturated(p, zeroLoad)) {
                saturation = points.size() - 1;
            }
        }
        return new SweepResult(zeroLoad, points, saturation);
    }

    /**
     * A point is saturated when some measured packet never arrived, when it accepted less than
     * {@link #SATURATION_ACCEPTED_FRACTION} of the offered load, or when its mean latency exceeds
     * {@link #SATURATION_LATENCY_FACTOR} x the zero-load latency.
     */
    public static boolean saturated(LoadPoint p, double zeroLoadLatencyCycles) {
        return !p.drained() || p.acceptedFlitsPerNodeCycle() < SATURATION_ACCEPTED_FRACTION * p.offeredFlitsPerNodeCycle()
                || p.meanLatencyCycles() > SATURATION_LATENCY_FACTOR * zeroLoadLatencyCycles;
    }

    /** Runs one injection rate (flits per node per cycle) on a fresh mesh and timeline. */
    public static LoadPoint measure(SyntheticTrafficSpec spec, double rate, long seed) {
        CycleLevelMesh mesh = new CycleLevelMesh(spec.cols(), spec.rows(), spec.router());
        RandomStreams streams = new RandomStreams(seed);
        BernoulliTraffic traffic = new BernoulliTraffic(spec.pattern(), rate, spec.packetFlits(), streams.stream("noc.injection"),
                streams.stream("noc.destination"));
        Window w = new Window(spec.warmupCycles(), spec.warmupCycles() + spec.measureCycles());
        mesh.setSource((cycle, m) -> {
            if (cycle == w.start) {
                w.createdFlits0 = m.flitsCreated();
                w.ejectedFlits0 = m.flitsEjected();
                w.firstId = m.packetsCreated();
            } else if (cycle == w.end) {
                w.createdFlits1 = m.flitsCreated();
                w.ejectedFlits1 = m.flitsEjected();
                w.endId = m.packetsCreated();
            }
            traffic.beforeCycle(cycle, m);
        });
        LatencyHistogram latency = new LatencyHistogram();
        mesh.setListener((id, src, dst, flits, created, delivered) -> {
            if (id >= w.firstId && id < w.endId) {
                latency.record(delivered - created);
            }
        });
        long last = w.end + spec.drainCycles();
        Timeline timeline = new Timeline("noc");
        MeshTimelineDriver driver = new MeshTimelineDriver(timeline, mesh, spec.clockHz(), SLICE_CYCLES);
        driver.runUntil(() -> {
            long c = mesh.cycle();
            return c > w.end && (latency.count() == w.endId - w.firstId || c > last);
        });
        timeline.run();
        double nodeCycles = (double) spec.nodes() * spec.measureCycles();
        return new LoadPoint(rate, (w.createdFlits1 - w.createdFlits0) / nodeCycles, (w.ejectedFlits1 - w.ejectedFlits0) / nodeCycles,
                latency.mean(), latency.quantile(0.99), w.endId - w.firstId, latency.count(), mesh.cycle());
    }

    /** Counters at the edges of the measurement window (endId starts beyond any id so nothing is measured early). */
    private static final class Window {
        final long start, end;
        long createdFlits0, ejectedFlits0, createdFlits1, ejectedFlits1;
        long firstId = Long.MAX_VALUE, endId = Long.MAX_VALUE;

        Window(long start, long end) {
            this.start = start;
            this.end = end;
        }
    }
}
