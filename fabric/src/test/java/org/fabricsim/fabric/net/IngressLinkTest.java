package org.fabricsim.fabric.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.Hardware;
import org.fabricsim.fabric.api.LinkUsage;
import org.fabricsim.fabric.api.SystemLink;
import org.fabricsim.fabric.gpu.FabricTopology;
import org.fabricsim.fabric.gpu.GpuCalibration;
import org.fabricsim.fabric.gpu.GpuClusterSpec;
import org.fabricsim.fabric.gpu.GpuFabric;
import org.fabricsim.fabric.gpu.GpuSpec;
import org.fabricsim.fabric.gpu.Interconnect;
import org.fabricsim.fabric.wafer.WaferFabric;
import org.fabricsim.fabric.wafer.WaferFidelity;
import org.junit.jupiter.api.Test;

/**
 * A link into a system from another (the KV hand-over) on the receiving system's flow network, at the catalog's
 * rate and latency, going on through the receiving GPU replica's NICs: alone a transfer takes the link's and a
 * NIC's latency plus bytes over the narrower of the link and the replica's NICs together, concurrent ones share
 * the rate max-min, every byte sent is counted on the link and on the NICs in the receiving system's usage, a
 * hand-over shares a NIC with the replica's own InfiniBand traffic, and NVLink inside the node is untouched.
 */
class IngressLinkTest {
    private static final long KV_BYTES = 70_000_000; // about a 1,000-token prompt's KV of a large MLA model
    private final Timeline timeline = new Timeline();
    private final double rate = Hardware.builtIn().systemLinkPortBytesPerS("ndr");
    private final double latency = Hardware.builtIn().systemLinkLatencyS("ndr");

    private final double nicRate = Interconnect.NDR.bytesPerS() * GpuCalibration.DEFAULT.infinibandEfficiency();
    private final double nicLatency = GpuCalibration.DEFAULT.nicLatencyS();

    private GpuFabric cluster() {
        return cluster(1);
    }

    /** {@code nodes} H100 nodes of 8 GPUs, one replica over all of them. */
    private GpuFabric cluster(int nodes) {
        return new GpuFabric(new GpuClusterSpec(GpuSpec.H100_SXM, nodes, 8, Interconnect.NDR, FabricTopology.FAT_TREE,
                8, 1, 1.0), GpuCalibration.DEFAULT, true, "ring", timeline, 8 * nodes, 1);
    }

    private double[] sendAtOnce(SystemLink link, int n, long bytes) {
        double[] arrivedS = new double[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            timeline.at(0.5, () -> link.send(bytes, 0, 0, () -> arrivedS[k] = timeline.now()));
        }
        timeline.run();
        return arrivedS;
    }

    private static LinkUsage row(List<LinkUsage> usage, String linkClass) {
        return usage.stream().filter(u -> u.linkClass().equals(linkClass)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + linkClass + " row in " + usage));
    }

    @Test
    void oneHandOver_takesBothLatenciesPlusBytesOverTheLinkNarrowerThanEightNics() {
        assertTrue(rate < 8 * nicRate);
        SystemLink link = cluster().ingressLink(rate, latency);
        double[] arrivedS = sendAtOnce(link, 1, KV_BYTES);
        assertEquals(0.5 + latency + nicLatency + KV_BYTES / rate, arrivedS[0], 1e-12);
    }

    @Test
    void fourAtOnce_shareTheRate_andAllArriveAfterFourTimesTheBytes() {
        SystemLink link = cluster().ingressLink(rate, latency);
        double[] arrivedS = sendAtOnce(link, 4, KV_BYTES);
        for (double a : arrivedS) {
            assertEquals(0.5 + latency + nicLatency + 4 * KV_BYTES / rate, a, 1e-12);
        }
    }

    @Test
    void aLinkWiderThanTheReplicasNics_isBoundByTheNics() {
        double wide = 16 * Hardware.builtIn().systemLinkPortBytesPerS("xdr");
        assertTrue(wide > 8 * nicRate);
        SystemLink link = cluster().ingressLink(wide, latency);
        double[] arrivedS = sendAtOnce(link, 1, KV_BYTES);
        assertEquals(0.5 + latency + nicLatency + (KV_BYTES / 8) / nicRate, arrivedS[0], 1e-12);
    }

    @Test
    void aHandOver_sharesANicWithTheReplicasOwnInfiniBandTraffic() {
        double alone = acrossNodesS(cluster(2), false);
        double beside = acrossNodesS(cluster(2), true);
        // the transfer into GPU 8 and the hand-over's stripe into GPU 8 share its NIC from the start
        assertTrue(beside > alone * 1.2, "alone " + alone + " s, beside a hand-over " + beside + " s");
    }

    @Test
    void fromAClusterBuiltBeside_aHandOverLeavesThroughTheSendersNics_andSharesThemWithItsTraffic() {
        double alone = prefillTransferS(false);
        double beside = prefillTransferS(true);
        // the sender's transfer from GPU 0 and the hand-over's stripe from GPU 0 share GPU 0's NIC uplink
        assertTrue(beside > alone * 1.2, "alone " + alone + " s, beside a hand-over " + beside + " s");
    }

    /** A 2-node prefill cluster on the decoding cluster's network, moving 0 -> 8 while it may hand KV over. */
    private double prefillTransferS(boolean handOver) {
        GpuFabric decode = cluster();
        GpuFabric prefill = new GpuFabric(new GpuClusterSpec(GpuSpec.H100_SXM, 2, 8, Interconnect.NDR,
                FabricTopology.FAT_TREE, 8, 1, 1.0), GpuCalibration.DEFAULT, true, "ring", decode.flowNetwork(), 16, 1);
        double s = transferS(prefill, decode.ingressLink(wideLink(), latency, prefill), handOver);
        if (handOver) {
            // 16 stripes leave through the prefill GPUs' 16 NICs and arrive through the decoding GPUs' 8
            assertEquals(4 * KV_BYTES + 16 * KV_BYTES, row(prefill.linkUsage(), "infiniband").bytesCarried(), 0.5);
            assertEquals(16 * KV_BYTES, row(decode.linkUsage(), "infiniband").bytesCarried(), 0.5);
        }
        return s;
    }

    private double acrossNodesS(GpuFabric gpus, boolean handOver) {
        double s = transferS(gpus, gpus.ingressLink(wideLink(), latency), handOver);
        if (handOver) {
            // the transfer crosses four InfiniBand links (NIC, leaf up, leaf down, NIC), each stripe one NIC
            assertEquals(4 * KV_BYTES + 16 * KV_BYTES, row(gpus.linkUsage(), "infiniband").bytesCarried(), 0.5);
        }
        return s;
    }

    /** 16 XDR ports: wider than any 8 or 16 NDR NICs, so the NICs bound a hand-over. */
    private static double wideLink() {
        return 16 * Hardware.builtIn().systemLinkPortBytesPerS("xdr");
    }

    /** Seconds a 0 -> 8 transfer of {@code gpus} takes, alone or started with a hand-over of 16 x KV on {@code link}. */
    private double transferS(GpuFabric gpus, SystemLink link, boolean handOver) {
        double startS = timeline.now() + 1.0;
        double[] doneS = new double[1];
        timeline.at(startS, () -> {
            if (handOver) {
                link.send(16 * KV_BYTES, 0, 0, () -> { });
            }
            gpus.begin(() -> gpus.transfer(0, 8, KV_BYTES, () -> doneS[0] = timeline.now()));
        });
        timeline.run();
        return doneS[0] - startS;
    }

    @Test
    void bytesSent_areTheBytesTheReceivingClusterCountsOnTheLink() {
        GpuFabric gpus = cluster();
        SystemLink link = gpus.ingressLink(rate, latency);
        sendAtOnce(link, 3, KV_BYTES);
        timeline.at(2.0, () -> link.send(KV_BYTES / 7, 0, 0, () -> { }));
        timeline.run();
        LinkUsage u = row(gpus.linkUsage(), SystemLinks.LINK_CLASS);
        assertEquals(1, u.links());
        assertEquals(3 * KV_BYTES + KV_BYTES / 7, link.bytesSent());
        assertEquals(link.bytesSent(), u.bytesCarried(), 0.5);
        assertEquals(link.bytesSent(), row(gpus.linkUsage(), "infiniband").bytesCarried(), 0.5);
    }

    @Test
    void bytesSent_areTheBytesTheReceivingWafersCount() {
        WaferFabric wafers = new WaferFabric(timeline, WaferFidelity.parse("analytic"));
        SystemLink link = wafers.ingressLink(150e9, 200e-6, null);
        sendAtOnce(link, 5, KV_BYTES);
        assertEquals(5 * KV_BYTES, row(wafers.linkUsage(), SystemLinks.LINK_CLASS).bytesCarried(), 0.5);
    }

    @Test
    void gpusBuiltBesideWafers_sendThroughTheirNics_andTheWafersReportOnlyTheirOwnLinks() {
        WaferFabric wafers = new WaferFabric(timeline, WaferFidelity.parse("analytic"));
        GpuFabric prefill = new GpuFabric(new GpuClusterSpec(GpuSpec.H100_SXM, 1, 8, Interconnect.NDR,
                FabricTopology.FAT_TREE, 8, 1, 1.0), GpuCalibration.DEFAULT, true, "ring", wafers.flowNetwork(), 8, 1);
        SystemLink link = wafers.ingressLink(150e9, 200e-6, prefill);
        double[] arrivedS = sendAtOnce(link, 1, KV_BYTES);
        // the 150 GB/s link is narrower than the 8 NICs: their latency is added, not their rate
        assertEquals(0.5 + 200e-6 + GpuCalibration.DEFAULT.nicLatencyS() + GpuCalibration.DEFAULT.switchHopLatencyS()
                + KV_BYTES / 150e9, arrivedS[0], 1e-12);
        assertEquals(List.of(SystemLinks.LINK_CLASS), wafers.linkUsage().stream().map(LinkUsage::linkClass).toList());
        assertEquals(KV_BYTES, row(prefill.linkUsage(), "infiniband").bytesCarried(), 0.5);
    }

    @Test
    void aTransferInsideTheCluster_isNotSlowedByHandOversInFlight() {
        double alone = nvlinkTransferS(cluster(), false);
        double beside = nvlinkTransferS(cluster(), true);
        assertEquals(alone, beside, 1e-15);
    }

    private double nvlinkTransferS(GpuFabric gpus, boolean handOvers) {
        SystemLink link = gpus.ingressLink(rate, latency);
        double startS = timeline.now() + 1.0;
        double[] doneS = new double[1];
        timeline.at(startS, () -> {
            if (handOvers) {
                link.send(KV_BYTES, 0, 0, () -> { });
                link.send(KV_BYTES, 0, 0, () -> { });
            }
            gpus.begin(() -> gpus.transfer(0, 1, KV_BYTES, () -> doneS[0] = timeline.now()));
        });
        timeline.run();
        return doneS[0] - startS;
    }
}
