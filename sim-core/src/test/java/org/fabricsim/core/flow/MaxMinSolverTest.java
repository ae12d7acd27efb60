package org.fabricsim.core.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The solver on raw numbers, as SimGrid's lmm tests do: capacities and flow-link incidences in, hand-computed
 * max-min rates out; and feasibility and optimality on random instances. The solver has no weights (every
 * flow counts once per link it crosses), so there is no weighted case to test.
 */
class MaxMinSolverTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private final MaxMinSolver solver = new MaxMinSolver();

    @Test
    void share_twoFlowsOneLink_splitEvenly() {
        int l = solver.addLink(10);
        int a = solver.addFlow(INF, l);
        int b = solver.addFlow(INF, l);
        solver.solve(0);
        assertEquals(5, solver.rate(a), 0);
        assertEquals(5, solver.rate(b), 0);
    }

    @Test
    void share_bertsekasGallagerExample_longFlowLimitedByNarrowLink() {
        // l0 = 1 carries f0, f1; l1 = 2 carries f0, f2: f0 and f1 saturate l0 at 1/2, f2 takes the rest of l1.
        int l0 = solver.addLink(1);
        int l1 = solver.addLink(2);
        int f0 = solver.addFlow(INF, l0, l1);
        int f1 = solver.addFlow(INF, l0);
        int f2 = solver.addFlow(INF, l1);
        solver.solve(0);
        assertEquals(0.5, solver.rate(f0), 0);
        assertEquals(0.5, solver.rate(f1), 0);
        assertEquals(1.5, solver.rate(f2), 0);
    }

    @Test
    void share_parkingLot_longFlowAndEachShortFlowGetHalf() {
        int[] links = {solver.addLink(1), solver.addLink(1), solver.addLink(1)};
        int longFlow = solver.addFlow(INF, links);
        int[] shortFlows = {solver.addFlow(INF, links[0]), solver.addFlow(INF, links[1]), solver.addFlow(INF, links[2])};
        solver.solve(0);
        assertEquals(0.5, solver.rate(longFlow), 0);
        for (int f : shortFlows) {
            assertEquals(0.5, solver.rate(f), 0);
        }
    }

    @Test
    void share_cappedFlow_leavesTheRestToTheOther() {
        int l = solver.addLink(10);
        int capped = solver.addFlow(2, l);
        int free = solver.addFlow(INF, l);
        solver.solve(0);
        assertEquals(2, solver.rate(capped), 0);
        assertEquals(8, solver.rate(free), 0);
    }

    @Test
    void share_flowWithOnlyACap_getsItsCap() {
        int f = solver.addFlow(3);
        solver.solve(0);
        assertEquals(3, solver.rate(f), 0);
    }

    @Test
    void share_threeLevels_saturateInAscendingOrder() {
        // l0 = 3 has f0 f1 f2 (1 each), l1 = 5 has f2 f3 -> f3 = 4, l2 = 9 has f3 f4 -> f4 = 5.
        int l0 = solver.addLink(3);
        int l1 = solver.addLink(5);
        int l2 = solver.addLink(9);
        int f0 = solver.addFlow(INF, l0);
        int f1 = solver.addFlow(INF, l0);
        int f2 = solver.addFlow(INF, l0, l1);
        int f3 = solver.addFlow(INF, l1, l2);
        int f4 = solver.addFlow(INF, l2);
        solver.solve(0);
        assertEquals(1, solver.rate(f0), 0);
        assertEquals(1, solver.rate(f1), 0);
        assertEquals(1, solver.rate(f2), 0);
        assertEquals(4, solver.rate(f3), 0);
        assertEquals(5, solver.rate(f4), 0);
    }

    @Test
    void share_reducedCapacity_isWhatIsLeftAfterFixedFlows() {
        // A link of 10 of which fixed flows take 7 leaves 3 to share.
        int l = solver.addLink(10 - 7);
        int a = solver.addFlow(INF, l);
        int b = solver.addFlow(INF, l);
        solver.solve(0);
        assertEquals(1.5, solver.rate(a), 0);
        assertEquals(1.5, solver.rate(b), 0);
    }

    @Test
    void share_oneFlowOnTwoLinks_getsTheNarrower() {
        int wide = solver.addLink(10);
        int narrow = solver.addLink(4);
        int f = solver.addFlow(INF, wide, narrow);
        solver.solve(0);
        assertEquals(4, solver.rate(f), 0);
    }

    @Test
    void share_progressiveFilling_narrowBottleneckFreezesFirstAndFreesTheWideLink() {
        // l0 = 12 carries a, b, c; c also crosses l1 = 2 with d: c and d freeze at 1, a and b share 11.
        int l0 = solver.addLink(12);
        int l1 = solver.addLink(2);
        int a = solver.addFlow(INF, l0);
        int b = solver.addFlow(INF, l0);
        int c = solver.addFlow(INF, l0, l1);
        int d = solver.addFlow(INF, l1);
        solver.solve(0);
        assertEquals(1, solver.rate(c), 0);
        assertEquals(1, solver.rate(d), 0);
        assertEquals(5.5, solver.rate(a), 0);
        assertEquals(5.5, solver.rate(b), 0);
    }

    @Test
    void share_equalFlowsOnEqualLinks_equalShares() {
        // Four links of 8, each carrying the same four flows: every flow gets 8 / 4 = 2.
        int[] links = {solver.addLink(8), solver.addLink(8), solver.addLink(8), solver.addLink(8)};
        int[] flows = new int[4];
        for (int f = 0; f < flows.length; f++) {
            flows[f] = solver.addFlow(INF, links);
        }
        solver.solve(0);
        for (int f : flows) {
            assertEquals(2, solver.rate(f), 0);
        }
    }

    @Test
    void share_linkWithNoFlow_takesNoPartAndChangesNothing() {
        // A link of no capacity and no flow would be the narrowest (0 / 0) if it took part.
        solver.addLink(0);
        int l = solver.addLink(6);
        solver.addLink(1);
        int a = solver.addFlow(INF, l);
        int b = solver.addFlow(INF, l);
        solver.solve(0);
        assertEquals(3, solver.rate(a), 0);
        assertEquals(3, solver.rate(b), 0);
    }

    @Test
    void share_flowCrossingALinkTwice_usesItTwice() {
        int l = solver.addLink(6);
        int twice = solver.addFlow(INF, l, l);
        int once = solver.addFlow(INF, l);
        solver.solve(0);
        assertEquals(2, solver.rate(twice), 0);
        assertEquals(2, solver.rate(once), 0);
    }

    @Test
    void solve_startLevelBelowEveryRate_givesTheSameRates() {
        // The flow network starts filling at a floor it knows every rate reaches; that must not move a rate.
        Random rng = new Random(7);
        for (int instance = 0; instance < 100; instance++) {
            int links = 1 + rng.nextInt(20);
            int flows = 1 + rng.nextInt(60);
            double[] capacity = rng.doubles(links, 1, 1000).toArray();
            int[][] route = new int[flows][];
            double[] cap = new double[flows];
            for (int f = 0; f < flows; f++) {
                route[f] = rng.ints(0, links).distinct().limit(1 + rng.nextInt(Math.min(links, 4))).toArray();
                cap[f] = rng.nextInt(4) == 0 ? 1 + rng.nextDouble() * 200 : INF;
            }
            double[] fromZero = solve(capacity, route, cap, 0);
            double floor = Arrays.stream(fromZero).min().getAsDouble() * (1 - 1e-9);
            double[] fromFloor = solve(capacity, route, cap, floor);
            assertArrayEquals(fromZero, fromFloor, "instance " + instance);
        }
    }

    private double[] solve(double[] capacity, int[][] route, double[] cap, double startLevel) {
        solver.clear();
        for (double c : capacity) {
            solver.addLink(c);
        }
        for (int f = 0; f < route.length; f++) {
            solver.addFlow(cap[f], route[f]);
        }
        solver.solve(startLevel);
        double[] rates = new double[route.length];
        for (int f = 0; f < rates.length; f++) {
            rates[f] = solver.rate(f);
        }
        return rates;
    }

    @Test
    void solve_flowWithoutLinkOrCap_isRefused() {
        solver.addFlow(INF);
        assertThrows(IllegalStateException.class, () -> solver.solve(0));
    }

    @Test
    void addIncidence_unknownLinkOrNoFlow_isRefused() {
        assertThrows(IllegalStateException.class, () -> solver.addIncidence(0));
        solver.addFlow(INF);
        assertThrows(IllegalArgumentException.class, () -> solver.addIncidence(0));
    }

    @Test
    void clear_thenReuse_solvesTheNewInstanceOnly() {
        int l = solver.addLink(10);
        solver.addFlow(INF, l);
        solver.addFlow(INF, l);
        solver.solve(0);
        solver.clear();
        int m = solver.addLink(4);
        int f = solver.addFlow(INF, m);
        solver.solve(0);
        assertEquals(1, solver.flowCount());
        assertEquals(4, solver.rate(f), 0);
    }

    @Test
    void randomInstances_feasibleAndMaxMinOptimal() {
        Random rng = new Random(18);
        for (int instance = 0; instance < 300; instance++) {
            solver.clear();
            int links = 1 + rng.nextInt(40);
            int flows = 1 + rng.nextInt(200);
            double[] capacity = new double[links];
            for (int k = 0; k < links; k++) {
                // Some equal capacities, so that ties between links and caps arise.
                capacity[k] = rng.nextInt(3) == 0 ? 100 : 1 + rng.nextDouble() * 1000;
                solver.addLink(capacity[k]);
            }
            int[][] route = new int[flows][];
            double[] cap = new double[flows];
            for (int f = 0; f < flows; f++) {
                int len = rng.nextInt(4) == 0 ? 0 : 1 + rng.nextInt(Math.min(links, 6));
                route[f] = rng.ints(0, links).distinct().limit(len).toArray();
                cap[f] = route[f].length == 0 || rng.nextInt(4) == 0 ? 1 + rng.nextDouble() * 200 : INF;
                solver.addFlow(cap[f], route[f]);
            }
            solver.solve(0);
            assertMaxMinOptimal(capacity, route, cap, instance);
        }
    }

    /**
     * Feasible: no link over capacity, no flow over its cap. Optimal: each flow is at its cap or has a
     * bottleneck, a saturated link on its route where no flow is faster than it.
     */
    private void assertMaxMinOptimal(double[] capacity, int[][] route, double[] cap, int instance) {
        double[] load = new double[capacity.length];
        double[] fastest = new double[capacity.length];
        for (int f = 0; f < route.length; f++) {
            double r = solver.rate(f);
            assertTrue(r > 0 && r <= cap[f] * (1 + 1e-12), "instance " + instance + " flow " + f + " rate " + r);
            for (int k : route[f]) {
                load[k] += r;
                fastest[k] = Math.max(fastest[k], r);
            }
        }
        for (int k = 0; k < capacity.length; k++) {
            assertTrue(load[k] <= capacity[k] * (1 + 1e-12), "instance " + instance + " link " + k + " over capacity");
        }
        for (int f = 0; f < route.length; f++) {
            double r = solver.rate(f);
            boolean bottleneck = r >= cap[f] * (1 - 1e-12);
            for (int k : route[f]) {
                bottleneck |= load[k] >= capacity[k] * (1 - 1e-12) && r >= fastest[k] * (1 - 1e-12);
            }
            assertTrue(bottleneck, "instance " + instance + " flow " + f + " has no bottleneck");
        }
    }
}
