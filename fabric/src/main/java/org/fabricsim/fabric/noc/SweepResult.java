package org.fabricsim.fabric.noc;

import java.util.List;

/**
 * Latency against injection rate and where the network saturates.
 *
 * @param zeroLoadLatencyCycles  analytic mean zero-load latency under the pattern
 * @param points                 in increasing injection rate
 * @param saturationIndex        first point that is saturated (see {@link LoadSweep#saturated}), -1 if none
 */
public record SweepResult(double zeroLoadLatencyCycles, List<LoadPoint> points, int saturationIndex) {
    public SweepResult {
        points = List.copyOf(points);
    }

    /** Accepted throughput (flits/node/cycle) at the first saturated point; NaN if the sweep never saturated. */
    public double saturationThroughput() {
        return saturationIndex < 0 ? Double.NaN : points.get(saturationIndex).acceptedFlitsPerNodeCycle();
    }
}
