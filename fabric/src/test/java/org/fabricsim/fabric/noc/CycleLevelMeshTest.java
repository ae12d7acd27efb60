package org.fabricsim.fabric.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fabricsim.core.random.RandomStreams;
import org.junit.jupiter.api.Test;

class CycleLevelMeshTest {

    /** Injects one packet into an empty mesh and returns its creation-to-tail-ejection latency. */
    private static long aloneLatency(RouterConfig config, int k, int src, int dst, int flits) {
        CycleLevelMesh mesh = new CycleLevelMesh(k, k, config);
        long[] latency = {-1};
        mesh.setListener((id, s, d, f, created, delivered) -> latency[0] = delivered - created);
        mesh.run(3);
        mesh.inject(src, dst, flits);
        while (latency[0] < 0 && mesh.cycle() < 100_000) {
            mesh.step();
        }
        return latency[0];
    }

    @Test
    void zeroLoadLatency_equalsHopsTimesHopDelayPlusEjectionPlusSerialisation() {
        List<RouterConfig> configs = List.of(RouterConfig.wafer(), new RouterConfig(1, 1, 1, 1, 1, 2, 16),
                new RouterConfig(0, 0, 0, 0, 1, 1, 8), new RouterConfig(2, 0, 1, 1, 3, 4, 32));
        int k = 8;
        int[][] pairs = {{0, 63}, {63, 0}, {7, 56}, {27, 27}, {9, 14}, {50, 2}, {0, 1}};
        for (RouterConfig c : configs) {
            for (int[] p : pairs) {
                for (int flits : new int[] {1, 4, 17}) {
                    int hops = Math.abs(p[0] % k - p[1] % k) + Math.abs(p[0] / k - p[1] / k);
                    assertEquals(c.zeroLoadLatencyCycles(hops, flits), aloneLatency(c, k, p[0], p[1], flits),
                            c + " " + p[0] + "->" + p[1] + " flits " + flits);
                }
            }
        }
    }

    @Test
    void zeroLoadLatency_buffersShorterThanCreditRoundTrip_slowSerialisation() {
        RouterConfig shallow = new RouterConfig(0, 0, 0, 1, 1, 1, 2); // round trip is 3 cycles, only 2 credits
        int flits = 30;
        long measured = aloneLatency(shallow, 8, 0, 7, flits);
        // the tail can move at most 2 flits per 3 cycles: serialisation grows by ~ (flits - 1) / 2
        assertTrue(measured >= shallow.zeroLoadLatencyCycles(7, flits) + (flits - 1) / 2 - 2, "latency " + measured);
    }

    @Test
    void heavyLoad_creditsNeverNegative_buffersNeverOverflow_flitsConserved() {
        for (RouterConfig c : List.of(new RouterConfig(0, 0, 0, 1, 1, 2, 2), new RouterConfig(1, 1, 1, 1, 2, 3, 5))) {
            CycleLevelMesh mesh = new CycleLevelMesh(5, 4, c);
            RandomStreams rs = new RandomStreams(11);
            mesh.setSource(new BernoulliTraffic(TrafficPattern.uniform(5, 4), 0.9, 3, rs.stream("inj"), rs.stream("dst")));
            for (int i = 0; i < 3000; i++) {
                mesh.step();
                mesh.checkInvariants();
            }
            assertTrue(mesh.flitsEjected() > 1000, "the mesh moved traffic");
            assertTrue(mesh.packetsQueued() > 0, "offered 0.9 saturates the mesh, sources back up");
        }
    }

    @Test
    void drain_everyCreatedFlitIsEjectedAndEveryPacketDeliveredOnce() {
        CycleLevelMesh mesh = new CycleLevelMesh(6, 6, new RouterConfig(0, 1, 0, 1, 1, 2, 4));
        RandomStreams rs = new RandomStreams(3);
        mesh.setSource(new BernoulliTraffic(TrafficPattern.transpose(6, 6), 0.6, 5, rs.stream("inj"), rs.stream("dst")));
        List<Long> delivered = new ArrayList<>();
        long[] flits = {0};
        mesh.setListener((id, s, d, f, created, at) -> {
            delivered.add(id);
            flits[0] += f;
            assertTrue(at - created >= mesh.config().zeroLoadLatencyCycles(mesh.hops(s, d), f), "faster than zero load");
        });
        mesh.run(2000);
        mesh.setSource(null);
        while (!mesh.idle() && mesh.cycle() < 1_000_000) {
            mesh.step();
        }
        mesh.checkInvariants();
        assertEquals(0, mesh.flitsInFlight());
        assertEquals(mesh.flitsCreated(), mesh.flitsEjected());
        assertEquals(mesh.flitsCreated(), flits[0]);
        assertEquals(mesh.packetsCreated(), delivered.size());
        assertEquals(mesh.packetsCreated(), delivered.stream().distinct().count());
    }

    @Test
    void packetsFromOneSourceToOneDestination_arriveInOrder() {
        CycleLevelMesh mesh = new CycleLevelMesh(4, 4, RouterConfig.wafer());
        List<Long> order = new ArrayList<>();
        mesh.setListener((id, s, d, f, created, at) -> order.add(id));
        for (int i = 0; i < 20; i++) {
            mesh.inject(0, 15, 1 + i % 5);
        }
        mesh.run(500);
        assertEquals(20, order.size());
        for (int i = 1; i < order.size(); i++) {
            assertTrue(order.get(i) > order.get(i - 1));
        }
    }

    @Test
    void advanceIdleTo_skipsTheIdleCycles_andThenRoutesAsAFreshMesh() {
        RouterConfig r = RouterConfig.wafer();
        CycleLevelMesh mesh = new CycleLevelMesh(8, 8, r);
        List<Long> latency = new java.util.ArrayList<>();
        mesh.setListener((id, src, dst, flits, created, delivered) -> latency.add(delivered - created));
        mesh.inject(mesh.node(0, 0), mesh.node(7, 5), 40);
        while (!mesh.idle()) {
            mesh.step();
        }
        long idleFrom = mesh.cycle();
        mesh.advanceIdleTo(idleFrom + 1_000_000);
        assertEquals(idleFrom + 1_000_000, mesh.cycle());
        mesh.checkInvariants(); // every credit came back in the skipped cycles
        mesh.inject(mesh.node(0, 0), mesh.node(7, 5), 40);
        while (!mesh.idle()) {
            mesh.step();
        }
        assertEquals(List.of(r.zeroLoadLatencyCycles(12, 40), r.zeroLoadLatencyCycles(12, 40)), latency);
        mesh.inject(mesh.node(1, 1), mesh.node(2, 2), 4);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> mesh.advanceIdleTo(mesh.cycle() + 10));
    }
}
