package org.fabricsim.workloads.serving;

import java.util.List;
import java.util.function.Supplier;
import org.fabricsim.core.flow.LinkClassUsage;

/**
 * The engines a system serves with (one per data-parallel replica, all behind one request queue) and
 * a probe of its hardware's utilisation per resource class (mesh links, SRAM ports, HBM, NVLink,
 * InfiniBand), read once the run is over for utilization.csv.
 */
public record Deployment(List<StepEngine> replicas, Supplier<List<LinkClassUsage>> utilization) {
    public Deployment {
        replicas = List.copyOf(replicas);
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("replicas: a deployment needs at least one engine");
        }
        // a class without resources (a mesh modelled analytically, a single wafer's inter-wafer links) says nothing
        Supplier<List<LinkClassUsage>> all = utilization == null ? List::of : utilization;
        utilization = () -> all.get().stream().filter(u -> u.links() > 0).toList();
    }

    /** A deployment whose hardware reports no utilisation (e.g. the roofline kind). */
    public Deployment(List<StepEngine> replicas) {
        this(replicas, null);
    }
}
