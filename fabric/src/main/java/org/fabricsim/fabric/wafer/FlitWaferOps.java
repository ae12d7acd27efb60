package org.fabricsim.fabric.wafer;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.MeshPhase;

/**
 * Fidelity {@code flit}: every transfer between regions runs flit by flit on a cycle-level mesh of its wafer
 * ({@link FlitTransfers}), so it queues behind other transfers at the routers it crosses, virtual channel by virtual
 * channel. A region's own phases, the fan-out to an MoE layer's experts and the legs to the inter-wafer links stay
 * as in {@code flow}: events and flows on the max-min network. For wafers of at most 65,536 cores.
 */
final class FlitWaferOps implements WaferOps {
    private final Timeline timeline;
    private final FlowWaferOps flows;
    private final Map<WaferMesh, FlitTransfers> meshes = new IdentityHashMap<>();

    FlitWaferOps(Timeline timeline) {
        this.timeline = timeline;
        this.flows = new FlowWaferOps(timeline);
    }

    @Override
    public double now() {
        return flows.now();
    }

    @Override
    public void begin(Runnable pass) {
        flows.begin(pass);
    }

    @Override
    public void run(WaferMesh mesh, int regionId, List<MeshPhase> phases, Runnable done) {
        flows.run(mesh, regionId, phases, done);
    }

    @Override
    public void transfer(WaferMesh mesh, int r0, int c0, int r1, int c1, long bytes, Runnable done) {
        meshes.computeIfAbsent(mesh, m -> new FlitTransfers(timeline, m.wafer().spec())).send(r0, c0, r1, c1, bytes, done);
    }

    @Override
    public void flowOnly(WaferMesh mesh, int r0, int c0, int r1, int c1, long bytes, Runnable done) {
        flows.flowOnly(mesh, r0, c0, r1, c1, bytes, done);
    }

    @Override
    public void crossing(InterWaferLinks links, int from, long bytes, Runnable done) {
        flows.crossing(links, from, bytes, done);
    }

    @Override
    public void whenDue(Runnable booking) {
        flows.whenDue(booking);
    }

    @Override
    public void at(double t, Runnable next) {
        flows.at(t, next);
    }

    @Override
    public void finish(Runnable done) {
        flows.finish(done);
    }
}
