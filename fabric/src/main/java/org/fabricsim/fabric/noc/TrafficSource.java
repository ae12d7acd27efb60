package org.fabricsim.fabric.noc;

/** Generates packets at the start of every cycle (e.g. Bernoulli injection); called by {@link CycleLevelMesh#step()}. */
@FunctionalInterface
public interface TrafficSource {
    void beforeCycle(long cycle, CycleLevelMesh mesh);
}
