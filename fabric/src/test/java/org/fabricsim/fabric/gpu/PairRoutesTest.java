package org.fabricsim.fabric.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.api.Test;

class PairRoutesTest {
    /**
     * A group's kept routes are the cluster's routes between its GPUs, and each latency is the network's latency of
     * that route to the last bit, for random groups within a node and across nodes, in random orders.
     */
    @Test
    void keptRoutesAndLatencies_equalTheClustersRoutesAndTheirLatencies_forRandomGroups() {
        FlowNetwork network = new FlowNetwork(new Timeline());
        GpuCluster cluster = new GpuCluster(GpuClusterSpec.standard(GpuSpec.H100_SXM, 4, Interconnect.NDR,
                FabricTopology.RAIL_OPTIMIZED), GpuCalibration.DEFAULT, network);
        Random r = new Random(21);
        for (int trial = 0; trial < 200; trial++) {
            List<Integer> all = new ArrayList<>();
            for (int g = 0; g < cluster.gpus(); g++) {
                all.add(g);
            }
            Collections.shuffle(all, r);
            int[] gpus = all.subList(0, 2 + r.nextInt(cluster.gpus() - 1)).stream().mapToInt(Integer::intValue).toArray();
            PairRoutes routes = new PairRoutes(cluster, network, gpus);
            assertTrue(routes.of(gpus.clone()));
            int n = gpus.length;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        int[] route = cluster.route(gpus[i], gpus[j]);
                        assertArrayEquals(route, routes.route(i * n + j));
                        assertEquals(Double.doubleToLongBits(network.routeLatencyS(route)),
                                Double.doubleToLongBits(routes.latencyS(i * n + j)));
                    }
                }
            }
        }
    }
}
