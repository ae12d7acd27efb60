package org.fabricsim.workloads.serving;

import java.util.List;
import java.util.function.Supplier;
import org.fabricsim.core.flow.LinkClassUsage;

/**
 * The engines a system serves with (one per data-parallel replica, all behind one request queue) and
 * probes read once the run is over: its hardware's utilisation per resource class (mesh links, SRAM ports, HBM,
 * NVLink, InfiniBand) for utilization.csv, and its power draw per resource kind for energy.
 */
public record Deployment(List<StepEngine> replicas, Supplier<List<LinkClassUsage>> utilization,
        Supplier<List<PowerDraw>> power) {
    public Deployment {
        replicas = List.copyOf(replicas);
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("replicas: a deployment needs at least one engine");
        }
        // a class without resources (a mesh modelled analytically, a single wafer's inter-wafer links) says nothing
        Supplier<List<LinkClassUsage>> all = utilization == null ? List::of : utilization;
        utilization = () -> all.get().stream().filter(u -> u.links() > 0).toList();
        power = power == null ? List::of : power;
    }

    /** A deployment whose power draw is not modelled (its energy is undefined). */
    public Deployment(List<StepEngine> replicas, Supplier<List<LinkClassUsage>> utilization) {
        this(replicas, utilization, null);
    }

    /** Joules over a span of {@code spanS} seconds read once the run is over; NaN when no power is modelled. */
    public double joules(double spanS) {
        List<PowerDraw> draws = power.get();
        if (draws.isEmpty()) {
            return Double.NaN;
        }
        double j = 0;
        for (PowerDraw d : draws) {
            j += d.joules(spanS);
        }
        return j;
    }

    /** A deployment whose hardware reports no utilisation (e.g. the roofline kind). */
    public Deployment(List<StepEngine> replicas) {
        this(replicas, null);
    }
}
