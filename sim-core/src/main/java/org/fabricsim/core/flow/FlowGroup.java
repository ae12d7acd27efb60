package org.fabricsim.core.flow;

import java.util.Arrays;

/**
 * Flows started together that complete as one (e.g. a collective's phase): a route and a byte count per
 * flow, and per flow a latency still owed after its last byte arrives (the rest of a longer path it stands
 * for; none if {@code tailS} is null). Built once and started as often as needed with
 * {@link FlowNetwork#transferGroup} or {@link FlowNetwork#transferIsolatedGroup}; route arrays are not
 * copied and must not change.
 */
public final class FlowGroup {
    final int[][] routes;
    final long[] bytes;
    final double[] tailS;
    final int flows;
    /** Every flow crosses one link (an all-to-all's per-port aggregates do): {@link ClosedForm#of} has a short form. */
    final boolean singleLinks;
    /** The closed-form run on {@link #closedFormOf}'s network, or {@link ClosedForm#NONE}; null until asked. */
    ClosedForm closedForm;
    FlowNetwork closedFormOf;

    /** The first {@code flows} entries of {@code routes}, {@code bytes} and (if not null) {@code tailS}. */
    public FlowGroup(int[][] routes, long[] bytes, int flows, double[] tailS) {
        if (flows < 1 || routes.length < flows || bytes.length < flows || (tailS != null && tailS.length < flows)) {
            throw new IllegalArgumentException("flows: must be >= 1 and within routes, bytes and tailS, got " + flows);
        }
        boolean single = true;
        for (int f = 0; f < flows; f++) {
            if (routes[f] == null || bytes[f] < 0 || (tailS != null && !(tailS[f] >= 0))) {
                throw new IllegalArgumentException("flow " + f + ": needs a route, bytes >= 0 and tail >= 0");
            }
            single &= routes[f].length == 1;
        }
        this.singleLinks = single;
        this.routes = Arrays.copyOf(routes, flows);
        this.bytes = Arrays.copyOf(bytes, flows);
        this.tailS = tailS == null ? null : Arrays.copyOf(tailS, flows);
        this.flows = flows;
    }

    public int flows() {
        return flows;
    }

    /**
     * The group alone on its links in closed form: when it completes after its start, and per link what
     * to meter. Exists when every link's flows carry equal bytes at an equal rate: each flow's max-min rate
     * is then its narrowest even share (on that link it is saturated and no flow is faster), constant until
     * they all finish together.
     */
    record ClosedForm(double finishS, int[] links, double[] bytes, int[] flows, double[] busyS) {
        static final ClosedForm NONE = new ClosedForm(0, new int[0], new double[0], new int[0], new double[0]);

        /** The closed form of {@code g} on links of these bandwidths and latencies; scratch arrays are zero and left so. */
        static ClosedForm of(FlowGroup g, double[] bandwidthBytesPerS, double[] latencyS, Scratch s) {
            s.ensure(bandwidthBytesPerS.length);
            if (g.singleLinks && distinctLinks(g, s)) {
                return ofDistinctLinks(g, bandwidthBytesPerS, latencyS);
            }
            return general(g, bandwidthBytesPerS, latencyS, s);
        }

        /** True if no two of the single-link group's flows share a link. */
        private static boolean distinctLinks(FlowGroup g, Scratch s) {
            boolean distinct = true;
            int f = 0;
            for (; f < g.flows && distinct; f++) {
                int link = g.routes[f][0];
                distinct = s.linkFlows[link] == 0;
                s.linkFlows[link] = 1;
            }
            for (int k = 0; k < f; k++) {
                s.linkFlows[g.routes[k][0]] = 0;
            }
            return distinct;
        }

        /**
         * {@link #general}'s closed form when each flow has a link of its own, term by term the same doubles: a flow's
         * rate is its link's bandwidth (over one flow: x / 1 is x, and the minimum over one link is that link's), its
         * latency that link's, every link one flow's bytes, busy until they have left at that rate.
         */
        private static ClosedForm ofDistinctLinks(FlowGroup g, double[] bandwidthBytesPerS, double[] latencyS) {
            int n = g.flows;
            int[] links = new int[n];
            double[] bytes = new double[n];
            int[] flows = new int[n];
            double[] busyS = new double[n];
            double finish = 0;
            for (int f = 0; f < n; f++) {
                int link = g.routes[f][0];
                double r = bandwidthBytesPerS[link];
                double latency = 0 + latencyS[link];
                double tail = g.tailS == null ? 0 : g.tailS[f];
                finish = Math.max(finish, latency + g.bytes[f] / r + tail);
                links[f] = link;
                bytes[f] = (double) g.bytes[f];
                flows[f] = 1;
                busyS[f] = g.bytes[f] / r;
            }
            return new ClosedForm(finish, links, bytes, flows, busyS);
        }

        /** The closed form of any group: per link its flows' count, bytes and rate, then each flow's finish. */
        static ClosedForm general(FlowGroup g, double[] bandwidthBytesPerS, double[] latencyS, Scratch s) {
            s.ensure(bandwidthBytesPerS.length);
            int touched = 0;
            boolean ok = true;
            for (int f = 0; f < g.flows && ok; f++) {
                for (int link : g.routes[f]) {
                    if (s.linkFlows[link] == 0) {
                        if (touched == s.touched.length) {
                            s.touched = Arrays.copyOf(s.touched, touched * 2);
                        }
                        s.touched[touched++] = link;
                        s.linkLoad[link] = g.bytes[f];
                    } else if (s.linkLoad[link] != g.bytes[f]) {
                        ok = false;
                    }
                    s.linkFlows[link]++;
                }
            }
            double finish = 0;
            for (int f = 0; f < g.flows && ok; f++) {
                int[] route = g.routes[f];
                double r = Double.POSITIVE_INFINITY;
                for (int link : route) {
                    r = Math.min(r, bandwidthBytesPerS[link] / s.linkFlows[link]);
                }
                for (int link : route) {
                    // A shared link must give each of its flows the same rate, or one would finish early.
                    if (s.linkRate[link] == 0) {
                        s.linkRate[link] = r;
                    } else if (Math.abs(s.linkRate[link] - r) > 1e-12 * r) {
                        ok = false;
                    }
                }
                double latency = 0;
                for (int link : route) {
                    latency += latencyS[link];
                }
                double tail = g.tailS == null ? 0 : g.tailS[f];
                finish = Math.max(finish, latency + g.bytes[f] / r + tail);
            }
            ClosedForm run = NONE;
            if (ok) {
                int[] links = Arrays.copyOf(s.touched, touched);
                double[] bytes = new double[touched];
                int[] flows = new int[touched];
                double[] busyS = new double[touched];
                for (int k = 0; k < touched; k++) {
                    int link = links[k];
                    bytes[k] = s.linkFlows[link] * (double) s.linkLoad[link];
                    flows[k] = s.linkFlows[link];
                    // Every flow on a link carries the same bytes at the same rate: busy until their last byte leaves.
                    busyS[k] = s.linkLoad[link] / s.linkRate[link];
                }
                run = new ClosedForm(finish, links, bytes, flows, busyS);
            }
            for (int k = 0; k < touched; k++) {
                int link = s.touched[k];
                s.linkFlows[link] = 0;
                s.linkLoad[link] = 0;
                s.linkRate[link] = 0;
            }
            return run;
        }
    }

    /** Per-link scratch for {@link ClosedForm#of}, zero between uses. */
    static final class Scratch {
        int[] linkFlows = new int[0];
        long[] linkLoad = new long[0];
        double[] linkRate = new double[0];
        int[] touched = new int[16];

        void ensure(int links) {
            if (linkFlows.length < links) {
                linkFlows = Arrays.copyOf(linkFlows, links);
                linkLoad = Arrays.copyOf(linkLoad, links);
                linkRate = Arrays.copyOf(linkRate, links);
            }
        }
    }
}
