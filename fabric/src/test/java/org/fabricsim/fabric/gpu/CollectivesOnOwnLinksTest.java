package org.fabricsim.fabric.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.flow.LinkClassUsage;
import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.api.Test;

/**
 * Collectives on a caller's own links (closed-form max-min rates, one event) against the same collectives as flows
 * in the flow network, and the per-port aggregation of the all-to-all against its port bound.
 */
class CollectivesOnOwnLinksTest {
    private static final GpuCalibration CAL = GpuCalibration.DEFAULT;
    private static final int[] NODE = IntStream.range(0, 8).toArray();

    private static final class Bench {
        final Timeline timeline = new Timeline();
        final FlowNetwork network = new FlowNetwork(timeline);
        final GpuCluster cluster = new GpuCluster(
                GpuClusterSpec.standard(GpuSpec.H100_SXM, 1, Interconnect.NDR, FabricTopology.RAIL_OPTIMIZED), CAL, network);
        final Collectives collectives = new Collectives(cluster, timeline);

        double time(java.util.function.Consumer<Runnable> op) {
            double[] end = {Double.NaN};
            double start = timeline.now();
            op.accept(() -> end[0] = timeline.now());
            timeline.run();
            return end[0] - start;
        }
    }

    @Test
    void allReduceOnOwnLinks_takesTheFlowNetworksTime_andLeavesTheSameUsage() {
        for (AllReduceAlgorithm a : new AllReduceAlgorithm[] {AllReduceAlgorithm.NVLS, AllReduceAlgorithm.RING,
            AllReduceAlgorithm.TREE}) {
            for (long bytes : new long[] {16_384, 64L << 20}) {
                Bench flows = new Bench();
                Bench own = new Bench();
                double tf = flows.time(done -> flows.collectives.allReduce(NODE, bytes, a, 1e-6, done));
                double to = own.time(done -> own.collectives.allReduceOnOwnLinks(NODE, bytes, a, 1e-6, done));
                assertEquals(tf, to, tf * 1e-9, a + " " + bytes);
                assertSameUsage(flows, own);
            }
        }
    }

    @Test
    void allToAll_ofAnUnevenMatrix_takesItsBusiestPortsLoad_asFlowsOrOnOwnLinks() {
        long[][] bytes = new long[8][8];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                bytes[i][j] = i == j ? 0 : (i == 0 ? 4_000_000L : 100_000L * (1 + j));
            }
        }
        long busiestSend = 0;
        long busiestReceive = 0;
        for (int i = 0; i < 8; i++) {
            long out = 0;
            long in = 0;
            for (int j = 0; j < 8; j++) {
                out += bytes[i][j];
                in += bytes[j][i];
            }
            busiestSend = Math.max(busiestSend, out);
            busiestReceive = Math.max(busiestReceive, in);
        }
        GpuSpec h100 = GpuSpec.H100_SXM;
        double portBw = h100.nvlinkBytesPerSPerDirection() * CAL.nvlinkProtocolEfficiency();
        double hbm = h100.hbmBandwidthBytesPerS() * CAL.hbmBandwidthEfficiency();
        double hop = 2 * CAL.nvlinkHopLatencyS();
        // the count exchange (a step and a route), packing and unpacking (an HBM read and write of the busiest
        // sender's and receiver's bytes), then on a non-blocking crossbar the busiest port's bytes at its rate, one
        // step, up and down one NVLink hop each
        double protocol = CAL.collectiveStepOverheadS() + hop + h100.hbmLatencyS() + 2 * busiestSend / hbm
                + h100.hbmLatencyS() + 2 * busiestReceive / hbm;
        double expected = protocol + CAL.collectiveStepOverheadS() + hop + Math.max(busiestSend, busiestReceive) / portBw;
        Bench flows = new Bench();
        Bench own = new Bench();
        double tf = flows.time(done -> flows.collectives.allToAll(NODE, bytes, done));
        double to = own.time(done -> own.collectives.allToAllOnOwnLinks(NODE, bytes, 0.0, done));
        assertEquals(expected, tf, expected * 1e-9);
        assertEquals(expected, to, expected * 1e-9);
        assertSameUsage(flows, own);
        // every pair's bytes leave its sender's uplink once and enter its receiver's downlink once
        double up = 0;
        double total = 0;
        for (int i = 0; i < 8; i++) {
            up += own.network.bytesCarried(own.cluster.route(i, (i + 1) % 8)[0]);
            for (int j = 0; j < 8; j++) {
                total += bytes[i][j];
            }
        }
        assertEquals(total, up, 1e-6 * total);
    }

    @Test
    void allToAll_sharesAPortWithOtherTraffic() {
        long[][] bytes = new long[8][8];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                bytes[i][j] = i == j ? 0 : 2_000_000L;
            }
        }
        Bench idle = new Bench();
        double alone = idle.time(done -> idle.collectives.allToAll(NODE, bytes, done));
        for (boolean ownLinks : new boolean[] {false, true}) {
            Bench busy = new Bench();
            // a long transfer from GPU 0 to GPU 1 holds half of GPU 0's uplink throughout
            busy.network.transfer(busy.cluster.route(0, 1), 1L << 33, f -> { });
            double[] end = {Double.NaN};
            if (ownLinks) {
                busy.collectives.allToAllOnOwnLinks(NODE, bytes, 0.0, () -> end[0] = busy.timeline.now());
            } else {
                busy.collectives.allToAll(NODE, bytes, () -> end[0] = busy.timeline.now());
            }
            busy.timeline.run(1.0);
            double transferAlone = 7 * 2_000_000.0 / (GpuSpec.H100_SXM.nvlinkBytesPerSPerDirection()
                    * CAL.nvlinkProtocolEfficiency());
            // GPU 0's 14 MB now move at half the port rate: one more transfer time than alone
            assertEquals(alone + transferAlone, end[0], 0.02 * transferAlone, "own links " + ownLinks);
        }
    }

    @Test
    void aFlowOnLinksHeldByACollectiveOnOwnLinks_isRefused() {
        Bench b = new Bench();
        b.collectives.allReduceOnOwnLinks(NODE, 64L << 20, AllReduceAlgorithm.NVLS, 0.0, () -> { });
        b.collectives.allReduce(NODE, 64L << 20, AllReduceAlgorithm.NVLS, 0.0, () -> { });
        RuntimeException e = assertThrows(RuntimeException.class, () -> b.timeline.run());
        assertInstanceOf(IllegalStateException.class, e.getCause(), e.toString());
    }

    private static void assertSameUsage(Bench a, Bench b) {
        List<LinkClassUsage> ua = a.network.usage();
        List<LinkClassUsage> ub = b.network.usage();
        assertEquals(ua.size(), ub.size());
        for (int i = 0; i < ua.size(); i++) {
            LinkClassUsage x = ua.get(i);
            LinkClassUsage y = ub.get(i);
            String c = x.linkClass();
            assertEquals(x.bytesCarried(), y.bytesCarried(), 1e-6 * Math.max(1, x.bytesCarried()), c);
            assertEquals(x.busyFraction(), y.busyFraction(), 1e-9 + 1e-9 * x.busyFraction(), c);
            assertEquals(x.meanUtilization(), y.meanUtilization(), 1e-9 + 1e-9 * x.meanUtilization(), c);
            assertEquals(x.meanConcurrentFlows(), y.meanConcurrentFlows(), 1e-9 + 1e-9 * x.meanConcurrentFlows(), c);
        }
        assertTrue(ub.stream().anyMatch(u -> u.bytesCarried() > 0), "the collective moved bytes");
    }
}
