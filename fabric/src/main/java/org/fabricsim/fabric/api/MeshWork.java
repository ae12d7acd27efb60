package org.fabricsim.fabric.api;

import java.util.List;

/**
 * Mesh phases a wafer region runs one after the other. A fabric may remember what a {@code MeshWork} costs
 * on a region of a given shape, so a workload that runs the same work again (an expert's FFN for the same
 * token count) passes the same instance.
 */
public record MeshWork(List<MeshPhase> phases) implements Work {
    public MeshWork {
        phases = List.copyOf(phases);
    }
}
