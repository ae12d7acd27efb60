package org.fabricsim.fabric.builtin;

import java.util.List;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.fabric.api.Fabric;
import org.fabricsim.fabric.api.LinkUsage;
import org.fabricsim.fabric.api.SystemIngress;
import org.fabricsim.fabric.api.SystemLink;
import org.fabricsim.fabric.api.WaferFloorplan;
import org.fabricsim.fabric.api.WaferPipelineCosts;
import org.fabricsim.fabric.api.WaferSystem;
import org.fabricsim.fabric.wafer.MeshCostModel;
import org.fabricsim.fabric.net.NetworkPorts;
import org.fabricsim.fabric.wafer.WaferFabric;

/** A {@link WaferSystem} on one {@link WaferFabric}, every pipeline with one cost model and one inter-wafer link. */
final class FlowWaferSystem implements WaferSystem, NetworkPorts {
    private final WaferFabric fabric;
    private final MeshCostModel cost;
    private final WaferPipelineCosts costs;

    FlowWaferSystem(WaferFabric fabric, MeshCostModel cost, WaferPipelineCosts costs) {
        this.fabric = fabric;
        this.cost = cost;
        this.costs = costs;
    }

    @Override
    public Fabric pipeline(List<? extends WaferFloorplan> wafers, int[] unitWafer, int[] unitRegion) {
        return fabric.pipeline(CatalogHardware.wafers(wafers), unitWafer, unitRegion, cost,
                costs.interWaferBandwidthBytesPerS(), costs.interWaferLatencyS());
    }

    @Override
    public SystemLink ingressLink(double bandwidthBytesPerS, double latencyS, SystemIngress from) {
        return fabric.ingressLink(bandwidthBytesPerS, latencyS, from);
    }

    @Override
    public FlowNetwork flowNetwork() {
        return fabric.flowNetwork();
    }

    @Override
    public int wafers() {
        return fabric.wafers();
    }

    @Override
    public double busyWaferSeconds() {
        return fabric.busyWaferSeconds();
    }

    @Override
    public List<LinkUsage> linkUsage() {
        return fabric.linkUsage();
    }
}
