package org.fabricsim.fabric.gpu;

import java.util.Arrays;
import org.fabricsim.core.flow.FlowNetwork;

/**
 * The routes between every ordered pair of a group of GPUs and each route's latency, for the group's all-to-alls
 * (an expert-parallel stage runs two per MoE layer over the same GPUs): pair (i, j) of the group's GPUs is entry
 * {@code i * n + j}. Routes never change, so they are looked up once per group rather than once per pair and
 * collective; a latency is summed link by link along its route, as {@link Collectives} sums any route's.
 */
final class PairRoutes {
    private final int[] gpus;
    private final int[][] routes;
    private final double[] latencyS;

    PairRoutes(GpuCluster cluster, FlowNetwork network, int[] gpus) {
        int n = gpus.length;
        this.gpus = gpus.clone();
        this.routes = new int[n * n][];
        this.latencyS = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    int[] route = cluster.route(gpus[i], gpus[j]);
                    routes[i * n + j] = route;
                    double s = 0;
                    for (int link : route) {
                        s += network.linkLatencyS(link);
                    }
                    latencyS[i * n + j] = s;
                }
            }
        }
    }

    /** True if these are the routes of {@code group}'s GPUs, in its order. */
    boolean of(int[] group) {
        return Arrays.equals(gpus, group);
    }

    /** The route from the group's i-th GPU to its j-th ({@code pair = i * n + j}, i != j; shared: do not modify). */
    int[] route(int pair) {
        return routes[pair];
    }

    /** The latency of {@link #route(int)}, seconds. */
    double latencyS(int pair) {
        return latencyS[pair];
    }
}
