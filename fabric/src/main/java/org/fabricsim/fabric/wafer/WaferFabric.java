package org.fabricsim.fabric.wafer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.flow.LinkClassUsage;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.FlowLinkUsage;
import org.fabricsim.fabric.api.LinkUsage;
import org.fabricsim.fabric.api.SystemIngress;
import org.fabricsim.fabric.api.SystemLink;
import org.fabricsim.fabric.net.NetworkPorts;
import org.fabricsim.fabric.net.ReplicaPorts;
import org.fabricsim.fabric.net.SystemLinks;

/**
 * The wafers of one system on one flow network and at one fidelity: the pipelines it builds (a target
 * model's, a draft model's on wafers of its own) share the network and the way operations become time,
 * so a draft pass and a verify pass are booked on one clock.
 */
public final class WaferFabric implements NetworkPorts {
    private static final String MESH_CLASS = "wafer-mesh";
    private static final String INTER_WAFER_CLASS = "inter-wafer";
    /** The link classes this fabric puts on its network. */
    private static final Set<String> OWN_CLASSES = Set.of(MESH_CLASS, INTER_WAFER_CLASS,
            SystemLinks.LINK_CLASS);
    private final Timeline timeline;
    private final FlowNetwork flows;
    private final WaferOps ops;
    private final List<WaferMesh> meshes = new ArrayList<>();
    /** Links from other systems into this one, made on first use. */
    private SystemLinks ingress;

    public WaferFabric(Timeline timeline, WaferFidelity fidelity) {
        this.timeline = timeline;
        this.flows = new FlowNetwork(timeline);
        this.ops = fidelity.ops(timeline);
    }

    /**
     * A pipeline over {@code wafers} (wafer i sends to wafer i + 1, the last back to the first) whose unit
     * {@code u} is region {@code unitRegion[u]} of wafer {@code unitWafer[u]}.
     */
    public WaferPipeline pipeline(List<Wafer> wafers, int[] unitWafer, int[] unitRegion, MeshCostModel cost,
            double interWaferBandwidthBytesPerS, double interWaferLatencyS) {
        int meshClass = flows.linkClass(MESH_CLASS);
        int ioClass = flows.linkClass(INTER_WAFER_CLASS);
        WaferMesh[] meshes = new WaferMesh[wafers.size()];
        for (int w = 0; w < meshes.length; w++) {
            meshes[w] = new WaferMesh(wafers.get(w), cost, flows, meshClass, timeline);
            this.meshes.add(meshes[w]);
        }
        InterWaferLinks links = new InterWaferLinks(wafers.size(), flows, ioClass, interWaferBandwidthBytesPerS,
                interWaferLatencyS);
        return new WaferPipeline(meshes, links, unitWafer, unitRegion, ops, this);
    }

    /**
     * A link into this system from another, on this system's flow network. It reaches no port of a wafer (the
     * wafers' system I/O as one port is the link itself), so it shares nothing with the inter-wafer links, which an
     * analytic fidelity books arithmetically; from a system built on the same network it leaves through the
     * sending replica's ports.
     */
    public SystemLink ingressLink(double bandwidthBytesPerS, double latencyS, SystemIngress from) {
        if (ingress == null) {
            ingress = new SystemLinks(flows);
        }
        return ingress.add(bandwidthBytesPerS, latencyS, NetworkPorts.egressOf(from, flows), ReplicaPorts.NONE);
    }

    @Override
    public FlowNetwork flowNetwork() {
        return flows;
    }

    /** Wafers of every pipeline built so far. */
    public int wafers() {
        return meshes.size();
    }

    /** Busy time of every wafer so far, in wafer-seconds: each wafer's core-seconds of compute over its cores. */
    public double busyWaferSeconds() {
        double s = 0;
        for (WaferMesh m : meshes) {
            s += m.busyCoreSeconds() / m.wafer().spec().cores();
        }
        return s;
    }

    /** Bytes every flow of every pipeline has delivered so far (mesh and inter-wafer links). */
    public long networkBytesDelivered() {
        return flows.bytesDelivered();
    }

    /**
     * Utilisation of the mesh and inter-wafer links of every pipeline, and of the links into the system, so far
     * (not of a system built beside this one on its network, whose link classes are that system's).
     */
    public List<LinkClassUsage> usage() {
        List<LinkClassUsage> own = new ArrayList<>();
        for (LinkClassUsage u : flows.usage()) {
            if (OWN_CLASSES.contains(u.linkClass())) {
                own.add(u);
            }
        }
        return own;
    }

    /** As {@link #usage()}, in the fabric API's type. */
    public List<LinkUsage> linkUsage() {
        return FlowLinkUsage.of(usage());
    }
}
