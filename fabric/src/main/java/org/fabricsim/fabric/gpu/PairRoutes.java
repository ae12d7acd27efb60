package org.fabricsim.fabric.gpu;

import java.util.Arrays;
import org.fabricsim.core.flow.FlowNetwork;

/**
 * The routes between every ordered pair of a group of GPUs and each route's latency, for the group's all-to-alls
 * (an expert-parallel stage runs two per MoE layer over the same GPUs): pair (i, j) of the group's GPUs is entry
 * {@code i * n + j}. Routes never change, so they are looked up once per group rather than once per pair and
 * collective; a latency is summed link by link along its route, as {@link Collectives} sums any route's.
 *
 * <p>The links the routes cross are numbered locally (a node's 8 GPUs cross 16), so an all-to-all's per-link
 * aggregation ({@link #aggregate}) walks small arrays of the group's own and keeps nothing per network link.
 */
final class PairRoutes {
    private final int[] gpus;
    private final int[][] routes;
    private final double[] latencyS;
    /** Per local link: its network link, that link's latency and a one-link route of it (shared: do not modify). */
    private final int[] networkLink;
    private final double[] linkLatencyS;
    private final int[][] singleRoutes;
    /** Pair p's route as local links: {@code localLinks[routeStart[p] .. routeStart[p + 1])}. */
    private final int[] routeStart;
    private final int[] localLinks;
    /**
     * Per local link, true when every pair route through it has the same latency (a node's NVSwitch routes do): its
     * longest route with bytes is then that latency whichever pairs have bytes, the maximum being of equal values.
     */
    private final boolean[] uniform;
    private final double[] uniformLatencyS;
    /** Every pair route of the group has the same latency (all its links are uniform). */
    private final boolean allUniform;
    /**
     * Per GPU of a crossbar group, the local link it sends on and the one it receives on; null unless every pair
     * route (i, j) is i's send link then j's receive link, all distinct, at one latency, for at most 64 GPUs (a node's
     * NVSwitch): a pair's bytes then load exactly its sender's and its receiver's link.
     */
    private final int[] sendLink;
    private final int[] receiveLink;
    // The last aggregate: per local link its bytes and longest pair route through it, and the links in first use order.
    private final long[] load;
    private final double[] longestThroughS;
    private final boolean[] used;
    private final int[] order;
    private final long[] received;
    private int touched;
    private long busiestSend;
    private long busiestReceive;
    private double longestPairS;

    PairRoutes(GpuCluster cluster, FlowNetwork network, int[] gpus) {
        int n = gpus.length;
        this.gpus = gpus.clone();
        this.routes = new int[n * n][];
        this.latencyS = new double[n * n];
        int[] localOf = new int[network.linkCount()];
        Arrays.fill(localOf, -1);
        int[] global = new int[16];
        int locals = 0;
        routeStart = new int[n * n + 1];
        int[] flat = new int[16];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int pair = i * n + j;
                routeStart[pair] = at;
                if (i != j) {
                    int[] route = cluster.route(gpus[i], gpus[j]);
                    routes[pair] = route;
                    double s = 0;
                    for (int link : route) {
                        s += network.linkLatencyS(link);
                        if (localOf[link] < 0) {
                            global = locals == global.length ? Arrays.copyOf(global, locals * 2) : global;
                            global[locals] = link;
                            localOf[link] = locals++;
                        }
                        flat = at == flat.length ? Arrays.copyOf(flat, at * 2) : flat;
                        flat[at++] = localOf[link];
                    }
                    latencyS[pair] = s;
                }
            }
        }
        routeStart[n * n] = at;
        localLinks = Arrays.copyOf(flat, at);
        networkLink = Arrays.copyOf(global, locals);
        linkLatencyS = new double[locals];
        singleRoutes = new int[locals][];
        for (int l = 0; l < locals; l++) {
            linkLatencyS[l] = network.linkLatencyS(networkLink[l]);
            singleRoutes[l] = new int[] {networkLink[l]};
        }
        uniform = new boolean[locals];
        uniformLatencyS = new double[locals];
        Arrays.fill(uniform, true);
        boolean[] seen = new boolean[locals];
        boolean all = true;
        long firstBits = n > 1 ? Double.doubleToRawLongBits(latencyS[1]) : 0;
        for (int pair = 0; pair < n * n; pair++) {
            long bits = Double.doubleToRawLongBits(latencyS[pair]);
            for (int q = routeStart[pair]; q < routeStart[pair + 1]; q++) {
                int l = localLinks[q];
                if (!seen[l]) {
                    seen[l] = true;
                    uniformLatencyS[l] = latencyS[pair];
                } else if (Double.doubleToRawLongBits(uniformLatencyS[l]) != bits) {
                    uniform[l] = false;
                }
            }
            all &= routes[pair] == null || bits == firstBits;
        }
        allUniform = all;
        int[][] crossbar = all && n >= 2 && n <= 64 ? crossbar(n, locals) : null;
        sendLink = crossbar == null ? null : crossbar[0];
        receiveLink = crossbar == null ? null : crossbar[1];
        load = new long[locals];
        longestThroughS = new double[locals];
        used = new boolean[locals];
        order = new int[locals];
        received = new long[n];
    }

    /** Each GPU's send and receive link if the routes form a crossbar (see {@link #sendLink}), else null. */
    private int[][] crossbar(int n, int locals) {
        int[] send = new int[n];
        int[] receive = new int[n];
        Arrays.fill(send, -1);
        Arrays.fill(receive, -1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int pair = i * n + j;
                if (i == j) {
                    continue;
                }
                if (routeStart[pair + 1] - routeStart[pair] != 2) {
                    return null;
                }
                int up = localLinks[routeStart[pair]];
                int down = localLinks[routeStart[pair] + 1];
                if ((send[i] >= 0 && send[i] != up) || (receive[j] >= 0 && receive[j] != down)) {
                    return null;
                }
                send[i] = up;
                receive[j] = down;
            }
        }
        boolean[] taken = new boolean[locals];
        for (int i = 0; i < n; i++) {
            for (int l : new int[] {send[i], receive[i]}) {
                if (taken[l]) {
                    return null;
                }
                taken[l] = true;
            }
        }
        return new int[][] {send, receive};
    }

    /** True if the group's routes form a crossbar, aggregated without walking them. */
    boolean crossbar() {
        return sendLink != null;
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

    /**
     * Aggregates an all-to-all in which the group's i-th GPU sends {@code bytes[i][j]} to its j-th: per link its pairs'
     * bytes and the longest pair route through it, the links in the order a row-by-row walk over the pairs with bytes
     * first crosses them, the busiest sender's and receiver's bytes and the longest pair route. Returns the links
     * crossed; they are read with {@link #flowRoute}, {@link #flowBytes} and {@link #flowTailS} until the next call.
     */
    int aggregate(long[][] bytes) {
        int n = gpus.length;
        if (bytes.length != n) {
            throw new IllegalArgumentException("bytes: must be " + n + " x " + n + ", got " + bytes.length + " rows");
        }
        clear();
        if (sendLink != null) {
            return aggregateCrossbar(bytes);
        }
        double longest = 0;
        long busiest = 0;
        for (int i = 0; i < n; i++) {
            long[] row = row(bytes, i);
            long sent = 0;
            for (int j = 0; j < n; j++) {
                long b = row[j];
                if (b < 0) {
                    clear();
                    throw new IllegalArgumentException("bytes[" + i + "][" + j + "]: must be >= 0, got " + b);
                }
                if (i == j || b == 0) {
                    continue;
                }
                // integer sums: exact in any order
                sent += b;
                received[j] += b;
                int pair = i * n + j;
                double latency = latencyS[pair];
                if (!allUniform) {
                    longest = Math.max(longest, latency);
                }
                for (int q = routeStart[pair], end = routeStart[pair + 1]; q < end; q++) {
                    int l = localLinks[q];
                    if (!used[l]) {
                        used[l] = true;
                        order[touched++] = l;
                    }
                    load[l] += b;
                    if (!uniform[l]) {
                        longestThroughS[l] = Math.max(longestThroughS[l], latency);
                    }
                }
            }
            busiest = Math.max(busiest, sent);
        }
        long busiestIn = 0;
        for (int j = 0; j < n; j++) {
            busiestIn = Math.max(busiestIn, received[j]);
        }
        busiestSend = busiest;
        busiestReceive = busiestIn;
        // uniform: the maximum of one latency over the pairs with bytes, or 0 when none has any
        longestPairS = allUniform ? (touched == 0 ? 0 : latencyS[1]) : longest;
        return touched;
    }

    /** Row {@code i} of an all-to-all's bytes, refused (and the scratch cleared) unless it has an entry per GPU. */
    private long[] row(long[][] bytes, int i) {
        long[] row = bytes[i];
        if (row.length != gpus.length) {
            clear();
            throw new IllegalArgumentException("bytes[" + i + "]: must have " + gpus.length + " entries, got "
                    + row.length);
        }
        return row;
    }

    /**
     * {@link #aggregate} on a crossbar, the same result: a row's first pair with bytes first crosses its sender's
     * link, then each pair with bytes its receiver's link, new ones in ascending order; a sender's link carries what
     * it sends, a receiver's what it receives, and every route has the one latency.
     */
    private int aggregateCrossbar(long[][] bytes) {
        int n = gpus.length;
        long busiest = 0;
        long receiving = 0;
        for (int i = 0; i < n; i++) {
            long[] row = row(bytes, i);
            long sent = 0;
            long to = 0;
            long negative = row[i];
            for (int j = 0; j < n; j++) {
                long b = j == i ? 0 : row[j];
                negative |= b;
                sent += b;
                received[j] += b;
                // b >= 0: -b has its sign bit set exactly when b > 0
                to |= ((-b) >>> 63) << j;
            }
            if (negative < 0) {
                clear();
                for (int j = 0; ; j++) {
                    if (row[j] < 0) {
                        throw new IllegalArgumentException("bytes[" + i + "][" + j + "]: must be >= 0, got " + row[j]);
                    }
                }
            }
            if (to != 0) {
                int up = sendLink[i];
                used[up] = true;
                load[up] = sent;
                order[touched++] = up;
                for (long fresh = to & ~receiving; fresh != 0; fresh &= fresh - 1) {
                    int down = receiveLink[Long.numberOfTrailingZeros(fresh)];
                    used[down] = true;
                    order[touched++] = down;
                }
                receiving |= to;
            }
            busiest = Math.max(busiest, sent);
        }
        long busiestIn = 0;
        for (int j = 0; j < n; j++) {
            busiestIn = Math.max(busiestIn, received[j]);
            load[receiveLink[j]] = received[j];
        }
        busiestSend = busiest;
        busiestReceive = busiestIn;
        longestPairS = touched == 0 ? 0 : latencyS[1];
        return touched;
    }

    /** The k-th link the last aggregate crossed, as a one-link route (shared: do not modify). */
    int[] flowRoute(int k) {
        return singleRoutes[order[k]];
    }

    /** The bytes of every pair routed over the k-th link. */
    long flowBytes(int k) {
        return load[order[k]];
    }

    /** The rest of the longest pair route through the k-th link, after that link's own latency, seconds. */
    double flowTailS(int k) {
        int l = order[k];
        return (uniform[l] ? uniformLatencyS[l] : longestThroughS[l]) - linkLatencyS[l];
    }

    /** The most bytes one GPU of the last aggregate sends to the others. */
    long busiestSend() {
        return busiestSend;
    }

    /** The most bytes one GPU of the last aggregate receives from the others. */
    long busiestReceive() {
        return busiestReceive;
    }

    /** The longest route of a pair with bytes in the last aggregate (0 if none), seconds. */
    double longestPairS() {
        return longestPairS;
    }

    /** Zeroes what the last aggregate left: its links' sums and the receivers' bytes. */
    private void clear() {
        for (int k = 0; k < touched; k++) {
            int l = order[k];
            load[l] = 0;
            longestThroughS[l] = 0;
            used[l] = false;
        }
        touched = 0;
        Arrays.fill(received, 0);
    }
}
