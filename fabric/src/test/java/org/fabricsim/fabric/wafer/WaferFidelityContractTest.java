package org.fabricsim.fabric.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.MeshAxis;
import org.fabricsim.fabric.api.MeshPhase;
import org.fabricsim.fabric.api.MeshWork;
import org.fabricsim.fabric.api.Region;
import org.junit.jupiter.api.Test;

/**
 * One operation sequence, a pass over four regions of a 32 x 32 wafer (compute, move the vector on, compute, ...),
 * through every fidelity, alone and with passes in flight together, and the agreement each pair of levels holds.
 */
class WaferFidelityContractTest {
    private static final WaferSpec SPEC = WaferSpec.wse3().withGrid(32, 32).withHopCycles(2);
    /** A 2,304-byte vector (one 576-wide BF16 hidden state x 2 tokens) split over a region's 8 rows. */
    private static final long VECTOR_BYTES = 2304;
    private static final List<MeshPhase> GEMV = List.of(
            new MeshPhase("gemv", MeshAxis.ROWS, true, 288, 6_000, 3_000, 16));

    private static double[] run(WaferFidelity fidelity, int passes) {
        return run(fidelity, passes, VECTOR_BYTES);
    }

    /**
     * Seconds until each of {@code passes} passes, all started at time 0, has ended; odd passes walk the regions
     * backwards, so passes cross on the links between them.
     */
    static double[] run(WaferFidelity fidelity, int passes, long vectorBytes) {
        Timeline timeline = new Timeline();
        WaferFabric fabric = new WaferFabric(timeline, fidelity);
        Wafer wafer = new Wafer(SPEC, 0);
        // four 8 x 8 regions on a diagonal-ish walk: 8 to 24 hops between anchors
        int[][] at = {{0, 0}, {0, 16}, {16, 24}, {24, 0}};
        for (int[] a : at) {
            wafer.allocate(new Region(a[0], a[1], 8, 8), "part");
        }
        WaferPipeline pipe = fabric.pipeline(List.of(wafer), new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3},
                MeshCostModel.calibrated(ReductionScheme.TWO_LEVEL), 1e11, 1e-6);
        double[] end = new double[passes];
        for (int p = 0; p < passes; p++) {
            int k = p;
            Runnable done = () -> pipe.deliver(() -> end[k] = timeline.now());
            int first = p % 2 == 0 ? 0 : 3;
            pipe.begin(() -> step(pipe, first, first == 0 ? 1 : -1, vectorBytes, done));
        }
        timeline.run();
        return end;
    }

    private static void step(WaferPipeline pipe, int unit, int direction, long bytes, Runnable done) {
        pipe.compute(unit, new MeshWork(GEMV), () -> {
            int next = unit + direction;
            if (next < 0 || next > 3) {
                done.run();
            } else {
                pipe.transfer(unit, next, bytes, () -> step(pipe, next, direction, bytes, done));
            }
        });
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    @Test
    void alone_flitAgreesWithFlowToACyclePerTransfer_andAnalyticEqualsFlow() {
        double flow = run(WaferFidelity.FLOW, 1)[0];
        double flit = run(WaferFidelity.FLIT, 1)[0];
        double analytic = run(WaferFidelity.ANALYTIC, 1)[0];
        // a packet alone takes 2H + 1 + (F - 1) cycles and ends a cycle later; the flow 2H + F: three transfers, so
        // at most 3 cycles apart
        assertEquals(flow, flit, 3 / SPEC.clockHz() * (1 + 1e-9), "flit " + flit + " s, flow " + flow + " s");
        // alone, booking at the idle-link cost is what the flows give
        assertEquals(flow, analytic, 1e-12, "analytic " + analytic + " s, flow " + flow + " s");
    }

    @Test
    void underLoad_flitAndFlowAgreeWithinFivePercent_analyticLeavesOutLinkContention() {
        // 16 passes at once, half walking back, each moving 64 KB vectors: transfers cross on shared links
        int passes = 16;
        long bytes = 65_536;
        double flow = max(run(WaferFidelity.FLOW, passes, bytes));
        double flit = max(run(WaferFidelity.FLIT, passes, bytes));
        double analytic = max(run(WaferFidelity.ANALYTIC, passes, bytes));
        // max-min sharing of a link and round-robin arbitration of its flits give the same makespan within 5%
        assertTrue(Math.abs(flit / flow - 1) < 0.05, "flit " + flit + " s against flow " + flow + " s");
        // analytic books every transfer at its idle-link cost, so contention between passes' transfers is missing:
        // here more than half of the makespan
        assertTrue(analytic < 0.5 * flow, "analytic " + analytic + " s against flow " + flow + " s");
        double alone = run(WaferFidelity.ANALYTIC, 1, bytes)[0];
        assertTrue(analytic >= alone, "analytic still queues the passes on each region");
    }

    @Test
    void flit_refusesAWaferLargerThanTheCycleLevelMeshHolds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WaferFidelity.FLIT.check(WaferSpec.wse3()));
        assertTrue(e.getMessage().contains("65536 cores") && e.getMessage().contains("fabric_rows"), e.getMessage());
        WaferFidelity.FLIT.check(SPEC);
    }

    @Test
    void flit_carriesEveryFlitOfEveryTransfer() {
        Timeline timeline = new Timeline();
        FlitTransfers t = new FlitTransfers(timeline, SPEC);
        List<Double> ends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            t.send(i, 0, 31 - i, 31, 1000 + i, () -> ends.add(timeline.now()));
        }
        timeline.run();
        assertEquals(5, ends.size());
        long flits = 0;
        for (int i = 0; i < 5; i++) {
            flits += (1000 + i + 3) / 4;
        }
        assertEquals(flits, t.flitsDelivered(), "every byte arrives, in 4-byte flits");
    }
}
