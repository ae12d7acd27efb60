package org.fabricsim.fabric.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fabricsim.fabric.api.Region;
import org.junit.jupiter.api.Test;

class IdlePipelineCostTest {
    private static final WaferSpec SPEC = WaferSpec.wse3().withGrid(16, 16).withHopCycles(2);
    private static final double IO_BYTES_PER_S = 1e9;
    private static final double IO_LATENCY_S = 1e-6;

    /** Three wafers in a ring, each with a region at column 2 (rows 0-3) and one at column 10 (rows 8-11). */
    private static IdlePipelineCost ring() {
        List<Wafer> wafers = List.of(new Wafer(SPEC, 0), new Wafer(SPEC, 0), new Wafer(SPEC, 0));
        for (Wafer w : wafers) {
            w.allocate(new Region(0, 2, 4, 4), "west");
            w.allocate(new Region(8, 10, 4, 4), "east");
        }
        // units: 0 = wafer 0 west, 1 = wafer 0 east, 2 = wafer 2 east
        return new IdlePipelineCost(wafers, new int[] {0, 0, 2}, new int[] {0, 1, 1}, MeshCostModel.peak(ReductionScheme.CHAIN),
                IO_BYTES_PER_S, IO_LATENCY_S);
    }

    @Test
    void transfer_onOneWafer_isTheAnchorsHopsPlusOneRowsShareSerialised() {
        IdlePipelineCost c = ring();
        c.transfer(0, 1, 400); // 8 + 8 hops; 400 bytes over 4 rows: 100 bytes a row
        double cycles = 16 * SPEC.hopCycles() + 100.0 / SPEC.linkBytesPerCycle();
        assertEquals(cycles / SPEC.clockHz(), c.breakdown().movesS(), 1e-18);
        assertEquals(0, c.breakdown().interWaferS());
    }

    @Test
    void transfer_toAnEarlierWafer_goesRoundTheRingEastward() {
        IdlePipelineCost c = ring();
        c.transfer(2, 0, 400); // wafer 2 to wafer 0 is one crossing, 2 -> 0 eastward
        IdlePipelineCost.Breakdown b = c.breakdown();
        assertEquals(IO_LATENCY_S + 400 / IO_BYTES_PER_S, b.interWaferS(), 1e-18);
        // out: col 10 to the east edge (col 15), 5 hops; in: 8 rows up and to col 2, 10 hops; each with one row's share
        double cycles = 5 * SPEC.hopCycles() + 100.0 / SPEC.linkBytesPerCycle() + 10 * SPEC.hopCycles()
                + 100.0 / SPEC.linkBytesPerCycle();
        assertEquals(cycles / SPEC.clockHz(), b.movesS(), 1e-18);
    }

    @Test
    void fanOutAndBack_countsBothWaysEvenWithoutHops() {
        IdlePipelineCost c = ring();
        c.fanOutAndBack(0, 0, 3, 400); // three vectors, 100 bytes a row each, no hops
        assertEquals(2 * (300.0 / SPEC.linkBytesPerCycle()) / SPEC.clockHz(), c.breakdown().movesS(), 1e-18);
    }
}
