package org.fabricsim.fabric.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoadSweepTest {
    private static final RouterConfig DEEP = new RouterConfig(0, 0, 0, 1, 1, 8, 32);

    private static SyntheticTrafficSpec spec(int k, RouterConfig r, TrafficPattern p, int flits) {
        return new SyntheticTrafficSpec(k, k, r, p, flits, 1000, 3000, 3000, 1.1e9);
    }

    /** Accepted throughput with every source always backlogged (offered 1 flit/node/cycle); no drain needed. */
    private static double saturationThroughput(int k, RouterConfig r, TrafficPattern p) {
        SyntheticTrafficSpec s = new SyntheticTrafficSpec(k, k, r, p, 1, 1000, 3000, 0, 1.1e9);
        return LoadSweep.measure(s, 1.0, 1).acceptedFlitsPerNodeCycle();
    }

    @Test
    void uniformRandom_saturatesBelowBisectionBound_andNearItWithDeepBuffers() {
        for (int k : new int[] {4, 8}) {
            // uniform random loads the mesh bisection with k^2/2 * rate / 2 flits/cycle per direction over k links: rate < 4/k
            double bound = Math.min(1.0, 4.0 / k);
            double accepted = saturationThroughput(k, DEEP, TrafficPattern.uniform(k, k));
            assertTrue(accepted < bound, "k=" + k + " accepted " + accepted + " >= bound " + bound);
            assertTrue(accepted > 0.7 * bound, "k=" + k + " accepted " + accepted + " < 70% of bound " + bound);
        }
    }

    @Test
    void transpose_saturatesBeforeUniform() {
        int k = 8;
        RouterConfig r = new RouterConfig(0, 0, 0, 1, 1, 4, 16);
        double uniform = saturationThroughput(k, r, TrafficPattern.uniform(k, k));
        double transpose = saturationThroughput(k, r, TrafficPattern.transpose(k, k));
        assertTrue(transpose < uniform, "transpose " + transpose + " uniform " + uniform);
    }

    @Test
    void lowLoad_meanLatencyApproachesZeroLoadLatency() {
        SyntheticTrafficSpec s = spec(8, RouterConfig.wafer(), TrafficPattern.uniform(8, 8), 4);
        LoadPoint p = LoadSweep.measure(s, 0.01, 5);
        assertTrue(p.drained());
        assertEquals(0.01, p.acceptedFlitsPerNodeCycle(), 0.002);
        double zeroLoad = s.zeroLoadLatencyCycles();
        assertTrue(p.meanLatencyCycles() >= zeroLoad * 0.97 && p.meanLatencyCycles() < zeroLoad * 1.05,
                "mean " + p.meanLatencyCycles() + " zero-load " + zeroLoad);
    }

    @Test
    void sweep_latencyGrowsWithLoad_andSaturationLiesBelowTheBound() {
        int k = 8;
        SyntheticTrafficSpec s = spec(k, RouterConfig.wafer(), TrafficPattern.uniform(k, k), 4);
        SweepResult r = LoadSweep.sweep(s, new double[] {0.45, 0.05, 0.25, 0.35, 0.15}, 2);
        for (int i = 1; i < r.points().size(); i++) {
            assertTrue(r.points().get(i).injectionRate() > r.points().get(i - 1).injectionRate());
            assertTrue(r.points().get(i).meanLatencyCycles() > r.points().get(i - 1).meanLatencyCycles());
        }
        assertTrue(r.saturationIndex() > 0, "0.45 is beyond saturation, 0.05 is not");
        assertTrue(r.saturationThroughput() < 4.0 / k);
        assertTrue(r.points().get(r.points().size() - 1).acceptedFlitsPerNodeCycle() < 0.45 * 0.95);
    }

    @Test
    void sameSeed_sameResult() {
        SyntheticTrafficSpec s = spec(4, RouterConfig.wafer(), TrafficPattern.hotspot(4, 4, new int[] {5}, 0.2), 2);
        assertEquals(LoadSweep.measure(s, 0.2, 9), LoadSweep.measure(s, 0.2, 9));
    }

    @Test
    void transpose_saturatesAtTheEdgeRowLinkBound() {
        // XY transpose: in row 0 the k-1 nodes x = 1..k-1 all send west to column 0, over one link: rate < 1/(k-1)
        int k = 8;
        double bound = 1.0 / (k - 1);
        SyntheticTrafficSpec s = spec(k, new RouterConfig(0, 0, 0, 1, 1, 4, 16), TrafficPattern.transpose(k, k), 1);
        LoadPoint below = LoadSweep.measure(s, 0.85 * bound, 4);
        LoadPoint above = LoadSweep.measure(s, 1.25 * bound, 4);
        assertTrue(below.drained() && below.acceptedFlitsPerNodeCycle() > 0.97 * below.offeredFlitsPerNodeCycle(), below.toString());
        assertTrue(!above.drained() || above.meanLatencyCycles() > 3 * s.zeroLoadLatencyCycles(), above.toString());
    }

    @Test
    void hotspot_saturatesAtTheHotNodesEjectionBound() {
        // the hot node ejects one flit per cycle and receives N * rate * (fraction + (1 - fraction) / N)
        int k = 8, n = k * k;
        double fraction = 0.2;
        double bound = 1.0 / (n * (fraction + (1 - fraction) / n));
        SyntheticTrafficSpec s = spec(k, RouterConfig.wafer(), TrafficPattern.hotspot(k, k, new int[] {4 * k + 4}, fraction), 4);
        double accepted = LoadSweep.measure(s, 2 * bound, 6).acceptedFlitsPerNodeCycle();
        assertTrue(accepted < bound * 1.02 && accepted > 0.9 * bound, "accepted " + accepted + " bound " + bound);
    }
}
