package org.fabricsim.workloads.serving;

import java.util.List;
import java.util.function.Supplier;
import org.fabricsim.fabric.api.LinkUsage;
import org.fabricsim.fabric.api.SystemIngress;

/**
 * The engines a system serves with (one per data-parallel replica, all behind one request queue) and
 * probes read once the run is over: its hardware's utilisation per resource class (mesh links, SRAM ports, HBM,
 * NVLink, InfiniBand) for utilization.csv, and its power draw per resource kind for energy.
 */
public final class Deployment {
    private final List<StepEngine> replicas;
    private final Supplier<List<LinkUsage>> linkUsage;
    private final Supplier<List<PowerDraw>> power;
    private final SystemIngress ingress;

    private Deployment(Supplier<List<LinkUsage>> linkUsage, List<StepEngine> replicas, Supplier<List<PowerDraw>> power,
            SystemIngress ingress) {
        this.replicas = List.copyOf(replicas);
        this.ingress = ingress;
        if (this.replicas.isEmpty()) {
            throw new IllegalArgumentException("replicas: a deployment needs at least one engine");
        }
        // a class without resources (a mesh modelled analytically, a single wafer's inter-wafer links) says nothing
        Supplier<List<LinkUsage>> all = linkUsage == null ? List::of : linkUsage;
        this.linkUsage = () -> all.get().stream().filter(u -> u.links() > 0).toList();
        this.power = power == null ? List::of : power;
    }

    /** Engines, utilisation (null: none reported) and power draw (null: not modelled) in the fabric API's terms. */
    public static Deployment of(List<StepEngine> replicas, Supplier<List<LinkUsage>> linkUsage,
            Supplier<List<PowerDraw>> power) {
        return new Deployment(linkUsage, replicas, power, null);
    }

    /** As {@link #of(List, Supplier, Supplier)}, on hardware that takes links from other systems at {@code ingress}. */
    public static Deployment of(List<StepEngine> replicas, Supplier<List<LinkUsage>> linkUsage,
            Supplier<List<PowerDraw>> power, SystemIngress ingress) {
        return new Deployment(linkUsage, replicas, power, ingress);
    }

    /** A deployment whose hardware reports no utilisation (e.g. the roofline kind). */
    public Deployment(List<StepEngine> replicas) {
        this(null, replicas, null, null);
    }

    /** Where links from other systems enter this one's hardware (a prefill system's KV hand-over), or null if it has none. */
    public SystemIngress ingress() {
        return ingress;
    }

    public List<StepEngine> replicas() {
        return replicas;
    }

    /** Utilisation per resource class that has resources, read once the run is over. */
    public Supplier<List<LinkUsage>> linkUsage() {
        return linkUsage;
    }

    /** Power draw per resource kind, read once the run is over. */
    public Supplier<List<PowerDraw>> power() {
        return power;
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
}
