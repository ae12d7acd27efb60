package org.fabricsim.fabric.gpu;

/**
 * Shape of a GPU cluster: nodes of GPUs on one NVSwitch each, one NIC per GPU, leaf and spine switches.
 *
 * @param gpu             the GPU of every node
 * @param nodes           number of nodes
 * @param gpusPerNode     GPUs on one NVSwitch (8 on DGX/HGX H100, H200, B200)
 * @param nic             InfiniBand generation of NICs and switch ports
 * @param topology        rail-optimized or plain fat tree
 * @param nicsPerLeaf     down ports of a leaf switch (32: half the 64 ports of a QM9700, the other half up)
 * @param spines          spine switches; each leaf has one bundle of uplinks to every spine
 * @param uplinkFraction  a leaf's uplink capacity over its downlink capacity: 1 is non-blocking, 0.5 halves the
 *                        bisection bandwidth
 */
public record GpuClusterSpec(GpuSpec gpu, int nodes, int gpusPerNode, Interconnect nic, FabricTopology topology,
        int nicsPerLeaf, int spines, double uplinkFraction) {

    public GpuClusterSpec {
        if (gpu == null) {
            throw new IllegalArgumentException("gpu: must be given");
        }
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes: must be >= 1, got " + nodes);
        }
        if (gpusPerNode < 1) {
            throw new IllegalArgumentException("gpusPerNode: must be >= 1, got " + gpusPerNode);
        }
        if (nic == null || topology == null) {
            throw new IllegalArgumentException("nic and topology: must be given");
        }
        if (nicsPerLeaf < 1) {
            throw new IllegalArgumentException("nicsPerLeaf: must be >= 1, got " + nicsPerLeaf);
        }
        if (spines < 1) {
            throw new IllegalArgumentException("spines: must be >= 1, got " + spines);
        }
        if (!(uplinkFraction > 0 && uplinkFraction <= 1)) {
            throw new IllegalArgumentException("uplinkFraction: must be in (0, 1], got " + uplinkFraction);
        }
    }

    /** DGX-like nodes of 8 GPUs, 32 NICs per leaf, 4 spines, non-blocking. */
    /** A cluster whose NIC generation and topology are named as a scenario names them, the NIC at {@code nicBytesPerS}. */
    public static GpuClusterSpec of(GpuSpec gpu, int nodes, int gpusPerNode, String nic, double nicBytesPerS,
            String topology, int nicsPerLeaf, int spines, double uplinkFraction) {
        return new GpuClusterSpec(gpu, nodes, gpusPerNode, Interconnect.named(nic).withBytesPerS(nicBytesPerS),
                FabricTopology.named(topology), nicsPerLeaf, spines, uplinkFraction);
    }

    /** The catalog line rate of a NIC generation (ndr | xdr) per port and direction, bytes/s. */
    public static double nicBytesPerS(String nic) {
        return Interconnect.named(nic).bytesPerS();
    }

    /** Refuses a topology name the cluster does not know. */
    public static void requireTopology(String topology) {
        FabricTopology.named(topology);
    }

    public static GpuClusterSpec standard(GpuSpec gpu, int nodes, Interconnect nic, FabricTopology topology) {
        return new GpuClusterSpec(gpu, nodes, 8, nic, topology, 32, 4, 1.0);
    }

    public int gpus() {
        return nodes * gpusPerNode;
    }
}
