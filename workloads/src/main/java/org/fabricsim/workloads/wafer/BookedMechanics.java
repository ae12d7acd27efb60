package org.fabricsim.workloads.wafer;

import java.util.ArrayDeque;
import java.util.List;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.wafer.InterWaferLinks;
import org.fabricsim.fabric.wafer.MeshPhase;
import org.fabricsim.fabric.wafer.WaferMesh;

/**
 * Fidelity {@code analytic}: a step's passes are booked when the step is submitted, without events. Each
 * region's cores and each inter-wafer link stay a non-preemptive server whose work is booked on a
 * calendar (work takes the first idle gap at or after its arrival: in arrival order that is the FIFO
 * server of {@code flow}; booked ahead, a draft pass reaching the lm_head early is not queued behind a
 * verify pass booked there for later). A mesh transfer's bytes are booked on the links leaving its
 * first core, one server per sending core (so the lines, fan-outs and moves leaving one anchor queue),
 * then take the route's hop latency: what is given up is contention further along a route, and
 * max-min sharing becomes first-come first-served.
 * Only the step's end is an event. Continuations run from a local queue (a trampoline), so a step's
 * thousands of operations do not nest on the stack. One instance serves a target and its draft model, so that
 * a step's draft and verify passes are booked in one go.
 */
final class BookedMechanics implements PassMechanics {
    private final Timeline timeline;
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
    private final ArrayDeque<Double> pendingAtS = new ArrayDeque<>();
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
                nowS = pendingAtS.poll();
                pending.poll().run();
            }
        } finally {
            draining = false;
            pending.clear();
            pendingAtS.clear();
        }
    }

    @Override
    public void run(WaferMesh mesh, int regionId, List<MeshPhase> phases, Runnable done) {
        at(mesh.book(regionId, phases, nowS), done);
    }

    @Override
    public double reserve(WaferMesh mesh, int regionId, double coreS, long lineBytes, double arrivalS) {
        return mesh.book(regionId, coreS, lineBytes, arrivalS);
    }

    @Override
    public void transfer(WaferMesh mesh, int r0, int c0, int r1, int c1, long bytes, Runnable done) {
        if (r0 == r1 && c0 == c1) {
            at(nowS, done);
            return;
        }
        at(mesh.bookSend(r0, c0, bytes, nowS) + mesh.hopSeconds(r0, c0, r1, c1), done);
    }

    @Override
    public void flowOnly(WaferMesh mesh, int r0, int c0, int r1, int c1, long bytes, Runnable done) {
        at(r0 == r1 && c0 == c1 ? nowS : mesh.bookSend(r0, c0, bytes, nowS), done);
    }

    @Override
    public void crossing(InterWaferLinks links, int from, long bytes, Runnable done) {
        at(links.reserveCrossing(from, bytes, nowS, timeline.now()), done);
    }

    @Override
    public void at(double t, Runnable next) {
        pending.add(next);
        pendingAtS.add(Math.max(t, nowS));
    }

    @Override
    public void finish(Runnable done) {
        timeline.at(nowS, done);
    }
}
