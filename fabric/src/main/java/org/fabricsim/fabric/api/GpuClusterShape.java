package org.fabricsim.fabric.api;

/**
 * A GPU cluster as a scenario states it: the GPU, nodes of NVSwitch-linked GPUs, and the InfiniBand network
 * between them, its NIC generation and topology named as {@link Hardware} knows them.
 *
 * @param nic            NIC generation (ndr | xdr)
 * @param nicBytesPerS   line rate of a NIC and switch port per direction
 * @param topology       rail_optimized | fat_tree
 * @param nicsPerLeaf    down ports of a leaf switch
 * @param spines         spine switches
 * @param uplinkFraction a leaf's uplink over downlink capacity (1: non-blocking)
 */
public record GpuClusterShape(GpuDescription gpu, int nodes, int gpusPerNode, String nic, double nicBytesPerS,
        String topology, int nicsPerLeaf, int spines, double uplinkFraction) {
    public int gpus() {
        return nodes * gpusPerNode;
    }
}
