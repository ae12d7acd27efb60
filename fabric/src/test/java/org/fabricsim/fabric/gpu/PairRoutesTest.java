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

    /**
     * The aggregate equals the per-network-link walk it replaces, to the bit: the same links in the same first-use
     * order, each with its pairs' bytes and the rest of its longest pair route, and the same busiest sender,
     * receiver and longest pair, for random groups within and across nodes and random matrices with many zeros,
     * one after another on the same routes.
     */
    @Test
    void aggregate_equalsTheWalkOverNetworkLinks_forRandomMatricesOneAfterAnother() {
        FlowNetwork network = new FlowNetwork(new Timeline());
        GpuCluster cluster = new GpuCluster(GpuClusterSpec.standard(GpuSpec.H100_SXM, 4, Interconnect.NDR,
                FabricTopology.RAIL_OPTIMIZED), GpuCalibration.DEFAULT, network);
        Random r = new Random(5);
        for (int trial = 0; trial < 40; trial++) {
            List<Integer> all = new ArrayList<>();
            for (int g = 0; g < cluster.gpus(); g++) {
                all.add(g);
            }
            Collections.shuffle(all, r);
            int[] gpus = all.subList(0, 2 + r.nextInt(15)).stream().mapToInt(Integer::intValue).toArray();
            if (trial % 2 == 0) {
                // one node's GPUs: every pair route has the same latency
                List<Integer> node = new ArrayList<>(all.stream().filter(g -> cluster.nodeOf(g) == 1).toList());
                gpus = node.subList(0, 2 + r.nextInt(node.size() - 1)).stream().mapToInt(Integer::intValue).toArray();
            }
            PairRoutes routes = new PairRoutes(cluster, network, gpus);
            if (trial % 2 == 0) {
                assertTrue(routes.crossbar(), "one node's GPUs send and receive on their own NVLink ports");
            }
            int n = gpus.length;
            for (int round = 0; round < 5; round++) {
                long[][] bytes = new long[n][n];
                for (long[] row : bytes) {
                    for (int j = 0; j < n; j++) {
                        row[j] = r.nextInt(4) == 0 ? 0 : r.nextInt(1 << 20);
                    }
                }
                // the reference: every pair with bytes walks its network route, links numbered by the network
                long[] load = new long[network.linkCount()];
                double[] longest = new double[network.linkCount()];
                List<Integer> order = new ArrayList<>();
                long busiestSend = 0;
                long[] received = new long[n];
                double longestPair = 0;
                for (int i = 0; i < n; i++) {
                    long sent = 0;
                    for (int j = 0; j < n; j++) {
                        if (i != j) {
                            sent += bytes[i][j];
                            received[j] += bytes[i][j];
                        }
                        if (i != j && bytes[i][j] > 0) {
                            int[] route = cluster.route(gpus[i], gpus[j]);
                            double latency = network.routeLatencyS(route);
                            longestPair = Math.max(longestPair, latency);
                            for (int link : route) {
                                if (!order.contains(link)) {
                                    order.add(link);
                                }
                                load[link] += bytes[i][j];
                                longest[link] = Math.max(longest[link], latency);
                            }
                        }
                    }
                    busiestSend = Math.max(busiestSend, sent);
                }
                int flows = routes.aggregate(bytes);
                assertEquals(order.size(), flows);
                for (int k = 0; k < flows; k++) {
                    int link = order.get(k);
                    assertArrayEquals(new int[] {link}, routes.flowRoute(k), "link " + k + " in first-use order");
                    assertEquals(load[link], routes.flowBytes(k));
                    assertEquals(Double.doubleToLongBits(longest[link] - network.linkLatencyS(link)),
                            Double.doubleToLongBits(routes.flowTailS(k)));
                }
                assertEquals(busiestSend, routes.busiestSend());
                assertEquals(java.util.Arrays.stream(received).max().getAsLong(), routes.busiestReceive());
                assertEquals(Double.doubleToLongBits(longestPair), Double.doubleToLongBits(routes.longestPairS()));
            }
        }
    }

    /** A negative entry is refused by its position, on a crossbar and off one, and leaves nothing behind. */
    @Test
    void negativeBytes_areRefusedByPosition_andTheNextAggregateStartsClean() {
        FlowNetwork network = new FlowNetwork(new Timeline());
        GpuCluster cluster = new GpuCluster(GpuClusterSpec.standard(GpuSpec.H100_SXM, 2, Interconnect.NDR,
                FabricTopology.RAIL_OPTIMIZED), GpuCalibration.DEFAULT, network);
        for (int[] gpus : new int[][] {{0, 1, 2, 3}, {0, 1, 8, 9}}) {
            PairRoutes routes = new PairRoutes(cluster, network, gpus);
            long[][] bytes = {{0, 5, 5, 5}, {5, 0, 5, 5}, {5, -1, 0, 5}, {5, 5, 5, 0}};
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> routes.aggregate(bytes));
            assertTrue(e.getMessage().startsWith("bytes[2][1]"), e.getMessage());
            long[][] one = new long[4][4];
            one[0][1] = 7;
            assertEquals(2, routes.aggregate(one), "only the one pair's links");
            assertEquals(7, routes.flowBytes(0));
            assertEquals(7, routes.flowBytes(1));
            assertEquals(7, routes.busiestSend());
            assertEquals(7, routes.busiestReceive());
        }
    }
}
