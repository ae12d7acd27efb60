package org.fabricsim.fabric.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.noc.CycleLevelMesh;
import org.fabricsim.fabric.noc.RouterConfig;
import org.junit.jupiter.api.Test;

/**
 * The flow-level mesh (this package) and the cycle-level mesh (fabric.noc) must agree where both apply
 * (DESIGN.md, fidelity levels): a transfer alone on an idle mesh takes hops x hop cycles plus one cycle
 * per 32-bit wavelet in the flow model, and the wafer router's zero-load latency 2H + F in the flit model.
 */
class FlowAgreesWithFlitMeshTest {

    @Test
    void transferAloneOnIdleMesh_takesTheCycleLevelZeroLoadLatency() {
        RouterConfig router = RouterConfig.wafer();
        // per hop: the router's traversal plus the link, as the flow model's hop cycles
        double hopCycles = router.routerCycles() + 1;
        assertEquals(WaferCalibration.HOP_CYCLES, hopCycles, 0, "the calibrated hop latency is the wafer router's");
        int[][] cases = {{0, 0, 0, 5, 1}, {1, 2, 9, 13, 4}, {15, 15, 0, 0, 64}, {3, 7, 3, 8, 200}};
        for (int[] c : cases) {
            int r0 = c[0], c0 = c[1], r1 = c[2], c1 = c[3], flits = c[4];
            CycleLevelMesh flit = new CycleLevelMesh(16, 16, router);
            long[] delivered = {-1};
            flit.setListener((id, src, dst, f, created, done) -> delivered[0] = done - created);
            flit.inject(flit.node(c0, r0), flit.node(c1, r1), flits);
            flit.run(10_000);

            Timeline timeline = new Timeline();
            FlowNetwork network = new FlowNetwork(timeline);
            Wafer wafer = new Wafer(WaferSpec.wse3().withGrid(16, 16).withHopCycles(hopCycles), 0);
            WaferMesh mesh = new WaferMesh(wafer, MeshCostModel.calibrated(ReductionScheme.TWO_LEVEL), network,
                    network.linkClass("mesh"), timeline);
            double[] done = {-1};
            mesh.transfer(r0, c0, r1, c1, 4L * flits, () -> done[0] = timeline.now());
            timeline.run();
            double flowCycles = done[0] * wafer.spec().clockHz();
            assertEquals(delivered[0], flowCycles, 1e-6, "from (" + r0 + "," + c0 + ") to (" + r1 + "," + c1 + "), "
                    + flits + " flits");
        }
    }
}
