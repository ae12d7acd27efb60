package org.fabricsim.fabric.wafer;

import java.util.List;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.MeshPhase;

/** Fidelity {@code flow}: every operation is an event, every transfer a flow contending max-min for its links. */
final class FlowWaferOps implements WaferOps {
    private final Timeline timeline;

    FlowWaferOps(Timeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public double now() {
        return timeline.now();
    }

    @Override
    public void begin(Runnable pass) {
        pass.run();
    }

    @Override
    public void run(WaferMesh mesh, int regionId, List<MeshPhase> phases, Runnable done) {
        mesh.run(regionId, phases, done);
    }

    @Override
    public void transfer(WaferMesh mesh, int r0, int c0, int r1, int c1, long bytes, Runnable done) {
        mesh.transfer(r0, c0, r1, c1, bytes, done);
    }

    @Override
    public void flowOnly(WaferMesh mesh, int r0, int c0, int r1, int c1, long bytes, Runnable done) {
        mesh.flowOnly(r0, c0, r1, c1, bytes, done);
    }

    @Override
    public void crossing(InterWaferLinks links, int from, long bytes, Runnable done) {
        links.sendToNext(from, bytes, done);
    }

    @Override
    public void whenDue(Runnable booking) {
        booking.run();
    }

    @Override
    public void at(double t, Runnable next) {
        timeline.at(t, next);
    }

    @Override
    public void finish(Runnable done) {
        done.run();
    }
}
