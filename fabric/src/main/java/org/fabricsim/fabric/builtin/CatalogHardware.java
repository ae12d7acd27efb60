package org.fabricsim.fabric.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.GpuClusterShape;
import org.fabricsim.fabric.api.GpuDescription;
import org.fabricsim.fabric.api.GpuSoftwareStack;
import org.fabricsim.fabric.api.GpuStack;
import org.fabricsim.fabric.api.GpuSystem;
import org.fabricsim.fabric.api.Hardware;
import org.fabricsim.fabric.api.IdleWaferCost;
import org.fabricsim.fabric.api.Power;
import org.fabricsim.fabric.api.SystemIngress;
import org.fabricsim.fabric.api.WaferDescription;
import org.fabricsim.fabric.api.WaferFloorplan;
import org.fabricsim.fabric.api.WaferPipelineCosts;
import org.fabricsim.fabric.api.WaferSystem;
import org.fabricsim.fabric.catalog.CalibrationCatalog;
import org.fabricsim.fabric.catalog.HardwareCatalog;
import org.fabricsim.fabric.gpu.GpuCalibration;
import org.fabricsim.fabric.gpu.GpuClusterSpec;
import org.fabricsim.fabric.gpu.GpuFabric;
import org.fabricsim.fabric.gpu.GpuSpec;
import org.fabricsim.fabric.net.NetworkPorts;
import org.fabricsim.fabric.wafer.IdlePipelineCost;
import org.fabricsim.fabric.wafer.MeshCostModel;
import org.fabricsim.fabric.wafer.ReductionScheme;
import org.fabricsim.fabric.wafer.Wafer;
import org.fabricsim.fabric.wafer.WaferCalibration;
import org.fabricsim.fabric.wafer.WaferFabric;
import org.fabricsim.fabric.wafer.WaferFidelity;
import org.fabricsim.fabric.wafer.WaferSpec;

/**
 * {@link Hardware} as the fabric module ships it: names looked up in the built-in hardware and calibration
 * catalogs and in the fidelity registry, descriptions turned into the fabric's own specs, fabrics built from
 * those. Registered as the service {@code Hardware.builtIn()} finds.
 */
public final class CatalogHardware implements Hardware {
    private final HardwareCatalog hardware = HardwareCatalog.builtIn();
    private final CalibrationCatalog calibrations = CalibrationCatalog.builtIn();

    @Override
    public List<String> names(String section) {
        return hardware.names(section);
    }

    @Override
    public WaferDescription wafer(String name) {
        return WaferSpec.named(name);
    }

    @Override
    public WaferDescription wafer(String name, int rows, int cols, int sramBytesPerCore, int sramReadBytesPerCycle,
            int sramWriteBytesPerCycle, int flopsPerCycle16, int flopsPerCycle32, double clockHz, int linkBytesPerCycle,
            double hopCycles, int ioPorts, double ioPortBandwidthBytesPerS) {
        return new WaferSpec(name, rows, cols, sramBytesPerCore, sramReadBytesPerCycle, sramWriteBytesPerCycle,
                flopsPerCycle16, flopsPerCycle32, clockHz, linkBytesPerCycle, hopCycles, ioPorts,
                ioPortBandwidthBytesPerS);
    }

    @Override
    public GpuDescription gpu(String name) {
        return GpuSpec.named(name);
    }

    @Override
    public GpuDescription gpu(String name, long hbmBytes, double hbmBandwidthBytesPerS, double peakFlopsBf16,
            double peakFlopsFp8, double peakFlopsFp4, double nvlinkBytesPerSPerDirection, int smCount, double clockHz,
            double launchLatencyS, double hbmLatencyS, long l2Bytes, double l2BandwidthBytesPerS) {
        return new GpuSpec(name, hbmBytes, hbmBandwidthBytesPerS, peakFlopsBf16, peakFlopsFp8, peakFlopsFp4,
                nvlinkBytesPerSPerDirection, smCount, clockHz, launchLatencyS, hbmLatencyS, l2Bytes, l2BandwidthBytesPerS);
    }

    @Override
    public Power waferPower(String name) {
        return hardware.waferPower(name);
    }

    @Override
    public Power gpuPower(String name) {
        return hardware.gpuPower(name);
    }

    @Override
    public Double usdPerHour(String section, String name) {
        return hardware.usdPerHour(section, name);
    }

    @Override
    public double interWaferLinkBandwidthBytesPerS(String link) {
        return hardware.interWaferLinkBandwidthBytesPerS(link);
    }

    @Override
    public double systemLinkPortBytesPerS(String kind) {
        return hardware.systemLinkPortBytesPerS(kind);
    }

    @Override
    public double systemLinkLatencyS(String kind) {
        return hardware.systemLinkLatencyS(kind);
    }

    @Override
    public double nicBytesPerS(String nic) {
        return GpuClusterSpec.nicBytesPerS(nic);
    }

    @Override
    public double defaultHopCycles() {
        return WaferCalibration.HOP_CYCLES;
    }

    @Override
    public double defaultInterWaferLatencyS() {
        return WaferCalibration.INTER_WAFER_LATENCY_S;
    }

    @Override
    public Map<String, Double> calibration(String kind, String base, Map<String, Double> changes) {
        return calibrations.resolve(kind, base, changes);
    }

    @Override
    public String calibrationDescription(String kind, String name) {
        return calibrations.set(kind, name).description();
    }

    @Override
    public void checkReduction(String reduction) {
        ReductionScheme.parse(reduction);
    }

    @Override
    public void checkWaferKernels(Map<String, Double> kernels, String reduction) {
        costModel(kernels, reduction);
    }

    @Override
    public int reservedSramBytesPerCore(Map<String, Double> kernels) {
        return CalibrationCatalog.reservedSramBytesPerCore(kernels);
    }

    @Override
    public GpuSoftwareStack gpuSoftware(Map<String, Double> calibration) {
        return GpuCalibration.of(calibration);
    }

    @Override
    public String waferFidelity(String name, WaferDescription wafer) {
        WaferFidelity level = WaferFidelity.parse(name == null ? WaferFidelity.FLOW.key() : name);
        level.check(spec(wafer));
        return level.key();
    }

    @Override
    public void checkTopology(String topology) {
        GpuClusterSpec.requireTopology(topology);
    }

    @Override
    public void checkAllReduce(String allReduce) {
        GpuFabric.requireAllReduce(allReduce);
    }

    @Override
    public WaferFloorplan floorplan(WaferDescription wafer, int reservedBytesPerCore) {
        return new Wafer(spec(wafer), reservedBytesPerCore);
    }

    @Override
    public WaferSystem waferSystem(Timeline timeline, String fidelity, WaferPipelineCosts costs) {
        return new FlowWaferSystem(new WaferFabric(timeline, WaferFidelity.parse(fidelity)),
                costModel(costs.kernels(), costs.reduction()), costs);
    }

    @Override
    public IdleWaferCost idleWaferCost(WaferPipelineCosts costs, List<? extends WaferFloorplan> wafers,
            int[] unitWafer, int[] unitRegion) {
        return new IdlePipelineCost(wafers(wafers), unitWafer, unitRegion, costModel(costs.kernels(), costs.reduction()),
                costs.interWaferBandwidthBytesPerS(), costs.interWaferLatencyS());
    }

    @Override
    public GpuSystem gpuSystem(GpuClusterShape c, Map<String, Double> calibration, GpuStack stack,
            String allReduce, Timeline timeline, int replicaGpus, int replicas, SystemIngress beside) {
        GpuClusterSpec spec = GpuClusterSpec.of(spec(c.gpu()), c.nodes(), c.gpusPerNode(), c.nic(), c.nicBytesPerS(),
                c.topology(), c.nicsPerLeaf(), c.spines(), c.uplinkFraction());
        FlowNetwork network = beside instanceof NetworkPorts p ? p.flowNetwork() : new FlowNetwork(timeline);
        if (network.timeline() != timeline) {
            throw new IllegalArgumentException("beside: a system on another timeline");
        }
        return new GpuFabric(spec, GpuCalibration.of(calibration).withKernelEfficiency(stack.kernelEfficiency()),
                stack.cudaGraphs(), allReduce, network, replicaGpus, replicas);
    }

    static MeshCostModel costModel(Map<String, Double> kernels, String reduction) {
        return MeshCostModel.of(kernels, ReductionScheme.parse(reduction));
    }

    /** The fabric's wafer of a description: the same figures. */
    static WaferSpec spec(WaferDescription d) {
        return new WaferSpec(d.name(), d.rows(), d.cols(), d.sramBytesPerCore(), d.sramReadBytesPerCycle(),
                d.sramWriteBytesPerCycle(), d.flopsPerCycle16(), d.flopsPerCycle32(), d.clockHz(),
                d.linkBytesPerCycle(), d.hopCycles(), d.ioPorts(), d.ioPortBandwidthBytesPerS());
    }

    private static GpuSpec spec(GpuDescription d) {
        return new GpuSpec(d.name(), d.hbmBytes(), d.hbmBandwidthBytesPerS(), d.peakFlopsBf16(), d.peakFlopsFp8(),
                d.peakFlopsFp4(), d.nvlinkBytesPerSPerDirection(), d.smCount(), d.clockHz(), d.launchLatencyS(),
                d.hbmLatencyS(), d.l2Bytes(), d.l2BandwidthBytesPerS());
    }

    /** The fabric's wafers of floorplans: the same regions under the same ids (what they store is not the fabric's). */
    static List<Wafer> wafers(List<? extends WaferFloorplan> plans) {
        List<Wafer> out = new ArrayList<>(plans.size());
        for (WaferFloorplan p : plans) {
            if (p instanceof Wafer made) {
                // a floorplan of this hardware's own (see floorplan) is a wafer already; the fabric reads its regions
                // and never what they store, so a pipeline uses it as it is rather than claiming ~1,200 regions again
                out.add(made);
                continue;
            }
            Wafer w = new Wafer(spec(p.spec()), 0);
            for (int r = 0; r < p.regionCount(); r++) {
                w.allocate(p.region(r), p.label(r));
            }
            out.add(w);
        }
        return out;
    }
}
