package org.fabricsim.workloads.serving;

/**
 * The electrical draw of one kind of resource of a deployment (its GPUs, its nodes around them, its wafers): each unit
 * draws {@code idleWatts} all the time and {@code busyWatts} while busy, so over a span of T seconds the units use
 * units x idle x T + (busy - idle) x busy seconds. Busy seconds come from the fabric's meters (a GPU's HBM-bound
 * kernel time, a wafer's core-seconds of compute over its cores), not from a nameplate times wall time.
 *
 * @param resource    what draws ("gpu", "node", "wafer", "accelerator")
 * @param units       how many there are (a fraction for a share, e.g. the part of a node a deployment's GPUs use)
 * @param busyWatts   draw of one unit while busy, W
 * @param idleWatts   draw of one unit while idle, W
 * @param busySeconds busy time summed over the units, s
 */
public record PowerDraw(String resource, double units, double busyWatts, double idleWatts, double busySeconds) {
    public PowerDraw {
        if (!(units >= 0) || !(busyWatts >= 0) || !(idleWatts >= 0) || idleWatts > busyWatts || !(busySeconds >= 0)) {
            throw new IllegalArgumentException(resource + ": units >= 0, 0 <= idle_watts <= busy_watts and busy time >= 0,"
                    + " got " + units + ", " + idleWatts + " W, " + busyWatts + " W, " + busySeconds + " s");
        }
    }

    /** Joules over a span of {@code spanS} seconds (busy time beyond the span, units x span, counts as the span). */
    public double joules(double spanS) {
        double busy = Math.min(busySeconds, units * spanS);
        return units * idleWatts * spanS + (busyWatts - idleWatts) * busy;
    }
}
