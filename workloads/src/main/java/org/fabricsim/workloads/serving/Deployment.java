package org.fabricsim.workloads.serving;

import java.util.List;

/**
 * The engines a system serves with: one per data-parallel replica, all behind one request queue.
 */
public record Deployment(List<StepEngine> replicas) {
    public Deployment {
        replicas = List.copyOf(replicas);
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("replicas: a deployment needs at least one engine");
        }
    }
}
