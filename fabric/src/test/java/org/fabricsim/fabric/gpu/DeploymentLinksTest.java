package org.fabricsim.fabric.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.stream.IntStream;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.api.Test;

/** The links a deployment on the first GPUs of a cluster has: every route among them, and nothing of idle nodes. */
class DeploymentLinksTest {

    private static GpuCluster cluster(FabricTopology topology) {
        return new GpuCluster(new GpuClusterSpec(GpuSpec.H100_SXM, 4, 8, Interconnect.NDR, topology, 2, 2, 1.0),
                GpuCalibration.DEFAULT, new FlowNetwork(new Timeline()));
    }

    @Test
    void everyRouteAmongTheGpus_liesInTheirLinks() {
        for (FabricTopology topology : FabricTopology.values()) {
            GpuCluster c = cluster(topology);
            for (int first : new int[] {0, 3, 8, 13}) {
                for (int count = 1; first + count <= c.gpus(); count++) {
                    BitSet links = c.linksAmong(first, count);
                    String where = topology + ", GPUs " + first + ".." + (first + count - 1);
                    for (int s = first; s < first + count; s++) {
                        for (int d = first; d < first + count; d++) {
                            for (int l : c.route(s, d)) {
                                assertTrue(links.get(l), where + ": route " + s + "->" + d);
                            }
                        }
                        int node = c.nodeOf(s);
                        int inNode = Math.min(first + count, (node + 1) * 8) - Math.max(first, node * 8);
                        if (inNode >= 2) { // NVLS among two or more of its node
                            for (int l : c.nvlsRoute(s)) {
                                assertTrue(links.get(l), where + ": NVLS of " + s);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void oneGpu_hasNoLinks_oneNode_hasNoInfiniband_idleNodesAreLeftOut() {
        GpuCluster c = cluster(FabricTopology.FAT_TREE);
        FlowNetwork net = c.network();
        assertEquals(0, c.linksAmong(0, 1).cardinality());
        BitSet node = c.linksAmong(0, 8);
        assertEquals(16 + 1, node.cardinality()); // 8 NVLink ports each way, one NVSwitch
        node.stream().forEach(l -> assertTrue(net.linkClassName(net.linkClassOf(l)).startsWith("nv"), "link " + l));
        BitSet two = c.linksAmong(0, 16);
        long ib = two.stream().filter(l -> net.linkClassName(net.linkClassOf(l)).equals("infiniband")).count();
        long allIb = IntStream.range(0, net.linkCount())
                .filter(l -> net.linkClassName(net.linkClassOf(l)).equals("infiniband")).count();
        assertTrue(ib >= 32 && ib < allIb, ib + " of " + allIb); // 16 NICs each way and some uplinks, not all 4 nodes'
        assertEquals(2 * (16 + 1), two.stream().filter(l -> net.linkClassName(net.linkClassOf(l)).startsWith("nv")).count());
        // the second node alone: its own NVLink and NVSwitch, none of the first node's
        BitSet second = c.linksAmong(8, 8);
        assertEquals(17, second.cardinality());
        BitSet both = (BitSet) node.clone();
        both.and(second);
        assertTrue(both.isEmpty(), both.toString());
    }
}
