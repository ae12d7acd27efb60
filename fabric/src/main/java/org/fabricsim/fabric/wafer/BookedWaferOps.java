package org.fabricsim.fabric.wafer;

import java.util.ArrayDeque;
import java.util.List;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.MeshPhase;

/**
 * Fidelity {@code analytic}: a pass is booked arithmetically. Each region's cores and each inter-wafer
 * link stay FIFO servers (work starts at its arrival or when earlier work ends, as in {@code flow}); a
 * mesh transfer costs what it costs on idle links (hops x alpha + bytes / link bandwidth), so what is
 * given up is contention between concurrent steps' transfers on shared mesh links, which {@code flow}
 * resolves max-min. A step's work between bookings (transfers, moves, the wait for its experts) runs from
 * a local queue (a trampoline) ahead of the timeline; a booking on a FIFO server waits for the timeline in
 * an event (see {@link #whenDue}), so that every server serves work in the order it arrives: a Kimi K2.6
 * pass is ~200 events instead of ~1,300 events and flows.
 */
final class BookedWaferOps implements WaferOps {
    private final Timeline timeline;
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
    private double[] pendingAtS = new double[16];
    private int pendingHead;
    private double nowS;
    private boolean draining;

    BookedWaferOps(Timeline timeline) {
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
        whenDue(() -> at(mesh.reserve(regionId, phases, nowS), done));
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
        whenDue(() -> at(links.reserveCrossing(from, bytes, nowS), done));
    }

    /**
     * A FIFO server (a region's cores, an inter-wafer link) must be booked in the order work arrives at it,
     * as in {@code flow}; the local queue runs ahead of the timeline, and a step booking early at a later
     * time would queue work that arrives before it behind it. So a booking ahead of the timeline waits for
     * it in an event: every booking is made at the timeline's time, hence in arrival order.
     */
    @Override
    public void whenDue(Runnable booking) {
        if (nowS > timeline.now()) {
            timeline.at(nowS, () -> begin(booking));
        } else {
            booking.run();
        }
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
