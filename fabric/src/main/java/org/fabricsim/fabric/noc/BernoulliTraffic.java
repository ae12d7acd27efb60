package org.fabricsim.fabric.noc;

import java.util.Objects;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Bernoulli injection: every cycle each node creates a packet of {@code packetFlits} flits with
 * probability rate / packetFlits, so the offered load is {@code rate} flits per node per cycle, and
 * sends it where the pattern says.
 */
public final class BernoulliTraffic implements TrafficSource {
    private final TrafficPattern pattern;
    private final double packetProbability;
    private final int packetFlits;
    private final RandomGenerator injection, destination;

    public BernoulliTraffic(TrafficPattern pattern, double rateFlitsPerNodeCycle, int packetFlits, RandomGenerator injection,
            RandomGenerator destination) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        if (packetFlits < 1) {
            throw new IllegalArgumentException("packet_flits: must be >= 1, got " + packetFlits);
        }
        if (!(rateFlitsPerNodeCycle >= 0 && rateFlitsPerNodeCycle <= packetFlits)) {
            throw new IllegalArgumentException("injection rate: must be in 0..packet_flits flits/node/cycle, got " + rateFlitsPerNodeCycle);
        }
        this.packetFlits = packetFlits;
        this.packetProbability = Math.min(1.0, rateFlitsPerNodeCycle / packetFlits);
        this.injection = Objects.requireNonNull(injection, "injection");
        this.destination = Objects.requireNonNull(destination, "destination");
    }

    @Override
    public void beforeCycle(long cycle, CycleLevelMesh mesh) {
        for (int n = 0, nodes = mesh.nodes(); n < nodes; n++) {
            if (injection.nextDouble() < packetProbability) {
                mesh.inject(n, pattern.destination(n, destination), packetFlits);
            }
        }
    }
}
