package org.fabricsim.fabric.noc;

import java.util.Objects;

/**
 * A synthetic-traffic experiment on a cols x rows mesh, BookSim style: run {@code warmupCycles},
 * measure the packets created in the next {@code measureCycles} (injection goes on), then keep running
 * up to {@code drainCycles} more until every measured packet has arrived.
 *
 * @param clockHz mesh clock, to place cycles on the timeline (WSE-2: 1.1 GHz, shared/reference/hardware.md)
 */
public record SyntheticTrafficSpec(int cols, int rows, RouterConfig router, TrafficPattern pattern, int packetFlits,
        long warmupCycles, long measureCycles, long drainCycles, double clockHz) {

    public SyntheticTrafficSpec {
        if (cols < 1 || rows < 1 || (long) cols * rows > 1 << 16) {
            throw new IllegalArgumentException("mesh: cols and rows must be >= 1 with at most 65536 nodes, got " + cols + " x " + rows);
        }
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(pattern, "pattern");
        if (packetFlits < 1 || packetFlits > 1 << 20) {
            throw new IllegalArgumentException("packet_flits: must be in 1..2^20, got " + packetFlits);
        }
        if (warmupCycles < 0) {
            throw new IllegalArgumentException("warmup_cycles: must be >= 0, got " + warmupCycles);
        }
        if (measureCycles < 1) {
            throw new IllegalArgumentException("measure_cycles: must be >= 1, got " + measureCycles);
        }
        if (drainCycles < 0) {
            throw new IllegalArgumentException("drain_cycles: must be >= 0, got " + drainCycles);
        }
        if (warmupCycles + measureCycles + drainCycles > 1L << 40) {
            throw new IllegalArgumentException("warmup_cycles + measure_cycles + drain_cycles: too many cycles, got "
                    + (warmupCycles + measureCycles + drainCycles));
        }
        if (!(clockHz > 0) || Double.isInfinite(clockHz)) {
            throw new IllegalArgumentException("clock_hz: must be finite and > 0, got " + clockHz);
        }
    }

    public int nodes() {
        return cols * rows;
    }

    /** Mean zero-load packet latency under the pattern: core channels + mean hops x hop delay + ejection + serialisation. */
    public double zeroLoadLatencyCycles() {
        return router.channelCycles() + pattern.meanHops(cols, rows) * router.hopCycles() + router.routerCycles() + (packetFlits - 1);
    }
}
