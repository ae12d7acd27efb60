package org.fabricsim.fabric.wafer;

import org.fabricsim.fabric.api.MeshAxis;
import org.fabricsim.fabric.api.MeshPhase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.Region;
import org.junit.jupiter.api.Test;

class WaferMeshTest {
    private static final double CLOCK = 1.1e9;
    private final Timeline timeline = new Timeline();
    private final FlowNetwork network = new FlowNetwork(timeline);
    private final Wafer wafer = new Wafer(WaferSpec.wse3().withGrid(16, 16).withHopCycles(2), 0);
    private final WaferMesh mesh = new WaferMesh(wafer, new MeshCostModel(ReductionScheme.CHAIN, 10, 100, 0),
            network, network.linkClass("mesh"), timeline);

    @Test
    void rowReduction_onIdleRegion_takesHandComputedCriticalPath() {
        int id = wafer.allocate(new Region(2, 3, 4, 8), "r");
        MeshPhase p = new MeshPhase("gemv", MeshAxis.ROWS, true, 64, 1600, 0, 1600, 16, 0);
        double[] done = {-1};
        mesh.run(id, List.of(p), () -> done[0] = timeline.now());
        timeline.run();
        // overhead 100 + compute max(1600/16, 1600/16) = 100 + chain over 8 cores: 7 x (2 + 10) + 7 x 2 back
        // + 2 x 64 B serialised at 4 B/cycle = 32
        double cycles = 100 + 100 + (7 * 12 + 14) + 32;
        assertEquals(cycles / CLOCK, done[0], 1e-15);
        assertEquals(cycles / CLOCK, mesh.idleSeconds(id, List.of(p)), 1e-15);
    }

    @Test
    void transfer_conservesBytesAlongItsXyRoute() {
        double[] done = {-1};
        mesh.transfer(1, 2, 5, 9, 1000, () -> done[0] = timeline.now());
        timeline.run();
        assertEquals(1000, mesh.bytesDelivered());
        assertEquals(mesh.bytesSubmitted(), mesh.bytesDelivered());
        for (int c = 2; c < 9; c++) {
            assertEquals(1000, mesh.linkBytes(1, c, Wafer.EAST), 1e-9, "east link at column " + c);
        }
        for (int r = 1; r < 5; r++) {
            assertEquals(1000, mesh.linkBytes(r, 9, Wafer.SOUTH), 1e-9, "south link at row " + r);
        }
        // 11 hops: every byte counted once on each link it crossed, none anywhere else
        assertEquals(11_000, mesh.totalLinkBytes(), 1e-9);
        assertEquals((11 * 2 + 1000 / 4.0) / CLOCK, done[0], 1e-15);
    }

    @Test
    void twoTransfersOnTheSameLinks_shareThem_disjointOnesDoNot() {
        double[] t = new double[3];
        mesh.transfer(0, 0, 0, 10, 4000, () -> t[0] = timeline.now());
        mesh.transfer(0, 0, 0, 10, 4000, () -> t[1] = timeline.now());
        mesh.transfer(8, 0, 8, 10, 4000, () -> t[2] = timeline.now());
        timeline.run();
        double alone = (10 * 2 + 4000 / 4.0) / CLOCK;
        double shared = (10 * 2 + 2 * 4000 / 4.0) / CLOCK;
        assertEquals(alone, t[2], 1e-12);
        assertEquals(shared, t[0], 1e-12);
        assertEquals(shared, t[1], 1e-12);
    }

    @Test
    void regionCores_serveWorkInSubmissionOrder() {
        int id = wafer.allocate(new Region(0, 0, 4, 4), "r");
        MeshPhase compute = new MeshPhase("local", MeshAxis.NONE, false, 0, 16_000, 0, 16);
        double[] t = new double[2];
        mesh.run(id, List.of(compute), () -> t[0] = timeline.now());
        mesh.run(id, List.of(compute), () -> t[1] = timeline.now());
        timeline.run();
        double one = (100 + 16_000 / 16.0) / CLOCK;
        assertEquals(one, t[0], 1e-15);
        assertEquals(2 * one, t[1], 1e-15);
        assertTrue(mesh.regionBusyUntilS(id) >= t[1] - 1e-15);
    }

    @Test
    void coreSeconds_keptCommunicationCycles_equalTheCostModelsFoldOnRandomPhases() {
        // the mesh keeps each region's communication cycles per (axis, reduce); the fold over a block's phases must
        // give the very double the cost model gives phase by phase, whichever region and phase come first
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        Wafer w = new Wafer(WaferSpec.wse3().withGrid(64, 64).withHopCycles(2), 0);
        MeshCostModel cost = new MeshCostModel(ReductionScheme.TWO_LEVEL, 3.5, 17, 0.25);
        WaferMesh m = new WaferMesh(w, cost, network, network.linkClass("mesh"), timeline);
        int[] ids = new int[6];
        Region[] regions = new Region[ids.length];
        for (int i = 0; i < ids.length; i++) {
            regions[i] = new Region(10 * i, 10 * i, 1 + random.nextInt(10), 1 + random.nextInt(10));
            ids[i] = w.allocate(regions[i], "r" + i);
        }
        MeshAxis[] axes = MeshAxis.values();
        for (int trial = 0; trial < 2000; trial++) {
            int i = random.nextInt(ids.length);
            List<MeshPhase> phases = new java.util.ArrayList<>();
            for (int k = 1 + random.nextInt(6); k > 0; k--) {
                phases.add(new MeshPhase("p", axes[random.nextInt(axes.length)], random.nextBoolean(),
                        random.nextInt(5000), random.nextInt(100_000), random.nextInt(50_000), random.nextInt(100_000),
                        random.nextBoolean() ? 16 : 8, random.nextInt(300)));
            }
            double cycles = 0;
            for (MeshPhase p : phases) {
                cycles += cost.phaseCycles(w.spec(), regions[i], p);
            }
            assertEquals(cycles / w.spec().clockHz(), m.coreSeconds(ids[i], phases), 0.0, "trial " + trial);
        }
    }
}
