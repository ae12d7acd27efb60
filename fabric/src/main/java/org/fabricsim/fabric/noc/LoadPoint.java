package org.fabricsim.fabric.noc;

/**
 * One injection rate of a synthetic-traffic experiment.
 *
 * @param injectionRate              configured Bernoulli rate, flits per node per cycle
 * @param offeredFlitsPerNodeCycle   flits created during the measurement window per node per cycle
 * @param acceptedFlitsPerNodeCycle  flits ejected during the measurement window per node per cycle
 * @param meanLatencyCycles          mean latency (creation to tail ejection) of measured packets that arrived
 * @param p99LatencyCycles           99th percentile of the same
 * @param packetsMeasured            packets created in the window
 * @param packetsArrived             of those, packets that arrived before the drain limit
 * @param cyclesSimulated            warm-up, measurement and drain cycles run
 */
public record LoadPoint(double injectionRate, double offeredFlitsPerNodeCycle, double acceptedFlitsPerNodeCycle,
        double meanLatencyCycles, long p99LatencyCycles, long packetsMeasured, long packetsArrived, long cyclesSimulated) {

    /** Every measured packet arrived (the network kept up). */
    public boolean drained() {
        return packetsArrived == packetsMeasured;
    }
}
