package org.fabricsim.fabric.wafer;

import java.util.HashMap;
import java.util.Map;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.noc.CycleLevelMesh;
import org.fabricsim.fabric.noc.RouterConfig;

/**
 * Transfers between cores of one wafer as packets on a cycle-level mesh of the wafer's size (fabric.noc), run in
 * step with the timeline: cycle c is at c / clock seconds. A transfer is one packet of 32-bit flits (a wavelet
 * stream holds its virtual channel from head to tail) and ends one cycle after its tail flit leaves the mesh. While
 * packets are in flight the mesh runs in slices of {@link #SLICE_CYCLES} cycles, one timeline event each; idle, it
 * costs nothing and jumps to the time of the next transfer. A slice runs ahead of the timeline by at most its
 * length, so a transfer starts up to that many cycles after it is asked for while others are in flight.
 */
final class FlitTransfers {
    /** Cycles per timeline event while packets are in flight (58 ns at 1.1 GHz). */
    static final int SLICE_CYCLES = 64;
    /** Cores the cycle-level mesh holds at most (its node ids are 16-bit). */
    static final long MAX_CORES = 1L << 16;

    private final Timeline timeline;
    private final CycleLevelMesh mesh;
    private final double clockHz;
    private final Map<Long, Runnable> pending = new HashMap<>();
    private boolean running;

    FlitTransfers(Timeline timeline, WaferSpec spec) {
        check(spec);
        this.timeline = timeline;
        this.mesh = new CycleLevelMesh(spec.cols(), spec.rows(), RouterConfig.wafer());
        this.clockHz = spec.clockHz();
        mesh.setListener((id, src, dst, flits, created, delivered) -> {
            Runnable done = pending.remove(id);
            timeline.at(Math.max(timeline.now(), timeOf(delivered + 1)), done);
        });
    }

    /** Refuses a wafer the cycle-level mesh cannot stand for: too many cores, another router or link width. */
    static void check(WaferSpec spec) {
        RouterConfig router = RouterConfig.wafer();
        if (spec.cores() > MAX_CORES) {
            throw new IllegalArgumentException("fidelity: flit runs a cycle-level mesh of at most " + MAX_CORES
                    + " cores (e.g. 256 x 256); " + spec.name() + " has " + spec.rows() + " x " + spec.cols()
                    + ": set fabric_rows and fabric_cols, or use fidelity flow");
        }
        if (spec.hopCycles() != router.hopCycles()) {
            throw new IllegalArgumentException("fidelity: flit runs the wafer router, " + router.hopCycles()
                    + " cycles per hop; hop_cycles " + spec.hopCycles() + " needs fidelity flow or analytic");
        }
        if (spec.linkBytesPerCycle() != RouterConfig.FLIT_BYTES) {
            throw new IllegalArgumentException("fidelity: flit moves one " + RouterConfig.FLIT_BYTES
                    + "-byte flit per link per cycle; a link of " + spec.linkBytesPerCycle()
                    + " bytes per cycle needs fidelity flow or analytic");
        }
    }

    private double timeOf(long cycle) {
        return cycle / clockHz;
    }

    /** {@code bytes} from core (r0, c0) to core (r1, c1); {@code done} runs when the last flit has arrived. */
    void send(int r0, int c0, int r1, int c1, long bytes, Runnable done) {
        long flits = Math.max(1, (bytes + RouterConfig.FLIT_BYTES - 1) / RouterConfig.FLIT_BYTES);
        if (flits > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("transfer: " + bytes + " bytes is more than one packet holds");
        }
        long now = (long) Math.ceil(timeline.now() * clockHz - 1e-6);
        if (mesh.idle()) {
            mesh.advanceIdleTo(now);
        }
        pending.put(mesh.inject(mesh.node(c0, r0), mesh.node(c1, r1), (int) flits), done);
        if (!running) {
            running = true;
            timeline.at(Math.max(timeline.now(), timeOf(mesh.cycle())), this::slice);
        }
    }

    private void slice() {
        for (int i = 0; i < SLICE_CYCLES && !mesh.idle(); i++) {
            mesh.step();
        }
        if (mesh.idle()) {
            running = false;
        } else {
            timeline.at(timeOf(mesh.cycle()), this::slice);
        }
    }

    /** Flits that have left the mesh at their destination so far. */
    long flitsDelivered() {
        return mesh.flitsEjected();
    }
}
