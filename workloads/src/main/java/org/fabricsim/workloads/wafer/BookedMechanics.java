package org.fabricsim.workloads.wafer;

import java.util.ArrayDeque;
import java.util.List;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.wafer.InterWaferLinks;
import org.fabricsim.fabric.wafer.MeshPhase;
import org.fabricsim.fabric.wafer.WaferMesh;

/**
 * Fidelity {@code analytic}: a pass is booked arithmetically. Each region's cores and each inter-wafer
 * link stay FIFO servers (work starts at its arrival or when earlier work ends, as in {@code flow}); a
 * mesh transfer costs what it costs on idle links (hops x alpha + bytes / link bandwidth), so what is
 * given up is contention between concurrent steps' transfers on shared mesh links, which {@code flow}
 * resolves max-min. When a step reaches a layer's region or the lm_head, and when a region block is done,
 * an event lets steps meet at regions in time order; everything in between (an MoE layer's fan-out,
 * experts and fan-in, moves) runs from a local queue (a trampoline): a Kimi K2.6 pass is ~190 events
 * instead of ~1,300 events and flows.
 */
final class BookedMechanics implements PassMechanics {
    private final Timeline timeline;
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
    private double[] pendingAtS = new double[16];
    private int pendingHead;
    private double nowS;
    private boolean draining;

    BookedMechanics(Timeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public double now() {
        return nowS;
    }

    @Override
    public void begin(Runnable pass) {
        if (draining) {
            pass.run();
            return;
        }
        nowS = timeline.now();
        draining = true;
        try {
            pass.run();
            while (!pending.isEmpty()) {
                nowS = pendingAtS[pendingHead++];
                pending.poll().run();
            }
        } finally {
            draining = false;
            pending.clear();
            pendingHead = 0;
        }
    }

    @Override
    public void run(WaferMesh mesh, int regionId, List<MeshPhase> phases, Runnable done) {
        // an event, not the local queue: the region's next block is booked when this one is done, so the
        // blocks of steps in flight interleave at a region as they do in flow
        double ready = mesh.reserve(regionId, phases, nowS);
        timeline.at(ready, () -> begin(done));
    }

    @Override
    public void transfer(WaferMesh mesh, int r0, int c0, int r1, int c1, long bytes, Runnable done) {
        at(nowS + mesh.idleTransferSeconds(r0, c0, r1, c1, bytes), done);
    }

    @Override
    public void flowOnly(WaferMesh mesh, int r0, int c0, int r1, int c1, long bytes, Runnable done) {
        at(nowS + (r0 == r1 && c0 == c1 ? 0 : mesh.idleSerialisationSeconds(bytes)), done);
    }

    @Override
    public void crossing(InterWaferLinks links, int from, long bytes, Runnable done) {
        at(links.reserveCrossing(from, bytes, nowS), done);
    }

    @Override
    public void layerBoundary(Runnable next) {
        timeline.at(nowS, () -> begin(next));
    }

    @Override
    public void at(double t, Runnable next) {
        int tail = pendingHead + pending.size();
        if (tail == pendingAtS.length) {
            if (pendingHead > 0) {
                System.arraycopy(pendingAtS, pendingHead, pendingAtS, 0, pending.size());
                tail -= pendingHead;
                pendingHead = 0;
            } else {
                pendingAtS = java.util.Arrays.copyOf(pendingAtS, 2 * pendingAtS.length);
            }
        }
        pendingAtS[tail] = Math.max(t, nowS);
        pending.add(next);
    }

    @Override
    public void finish(Runnable done) {
        timeline.at(nowS, done);
    }
}
