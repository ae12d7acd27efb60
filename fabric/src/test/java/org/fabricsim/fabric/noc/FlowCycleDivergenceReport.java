package org.fabricsim.fabric.noc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.random.RandomGenerator;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.noc.FlowCycleAgreementTest.Transfer;

/**
 * Prints how the flow and cycle models of a 16 x 16 wafer mesh diverge under background load: a GEMV
 * row reduction and an MoE fan-out launched into uniform random background traffic of 4-flit packets,
 * the same packets (same cycle, source, destination) in both models. Not a test: the figures are in
 * docs/noc.md, which says how to run it.
 */
public final class FlowCycleDivergenceReport {
    private static final int K = 16;
    private static final double CLOCK_HZ = 1.1e9;
    private static final RouterConfig ROUTER = RouterConfig.wafer();
    private static final int WARMUP_CYCLES = 2000, BACKGROUND_CYCLES = 10_000, PACKET_FLITS = 4;

    private FlowCycleDivergenceReport() {
    }

    /** Arguments: seeds of the background traffic (default 1). */
    public static void main(String[] args) {
        long[] seeds = args.length == 0 ? new long[] {1} : java.util.Arrays.stream(args).mapToLong(Long::parseLong).toArray();
        System.out.println("operation,background_flits_per_node_cycle,seed,cycle_model_cycles,flow_model_cycles,cycle_over_flow");
        for (long seed : seeds) {
            for (double rate : new double[] {0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2}) {
                for (String op : new String[] {"row_reduction", "moe_fan_out"}) {
                    report(op, rate, seed);
                }
            }
        }
    }

    private static void report(String op, double rate, long seed) {
        List<int[]> background = background(rate, seed);
        List<Transfer> transfers = new ArrayList<>();
        if (op.equals("row_reduction")) {
            for (int y = 0; y < K; y++) {
                for (int x = 0; x < K - 1; x++) {
                    transfers.add(new Transfer(y * K + x, y * K + K - 1, 256));
                }
            }
        } else {
            for (int e : new int[] {0, 15, 240, 255, 3 * K + 12, 12 * K + 3, 15 * K + 8, 8 * K + 15}) {
                transfers.add(new Transfer(8 * K + 8, e, 7168 * 2 / 8));
            }
        }
        long cycle = cycleModel(background, transfers);
        double flow = flowModel(background, transfers);
        System.out.printf("%s,%.2f,%d,%d,%.0f,%.3f%n", op, rate, seed, cycle, flow, cycle / flow);
    }

    /** Bernoulli background packets {cycle, src, dst}, uniform random destinations. */
    private static List<int[]> background(double rate, long seed) {
        RandomStreams rs = new RandomStreams(seed);
        RandomGenerator inject = rs.stream("noc.injection"), destination = rs.stream("noc.destination");
        List<int[]> packets = new ArrayList<>();
        for (int c = 0; c < BACKGROUND_CYCLES; c++) {
            for (int n = 0; n < K * K; n++) {
                if (inject.nextDouble() < rate / PACKET_FLITS) {
                    packets.add(new int[] {c, n, destination.nextInt(K * K)});
                }
            }
        }
        return packets;
    }

    /** Cycles from launching the transfers (at the end of the warmup) to the last one's arrival. */
    private static long cycleModel(List<int[]> background, List<Transfer> transfers) {
        CycleLevelMesh mesh = new CycleLevelMesh(K, K, ROUTER);
        int[] next = {0};
        Set<Long> ids = new HashSet<>();
        long[] last = {0};
        int[] left = {transfers.size()};
        mesh.setSource((c, m) -> {
            while (next[0] < background.size() && background.get(next[0])[0] == c) {
                int[] b = background.get(next[0]++);
                m.inject(b[1], b[2], PACKET_FLITS);
            }
            if (c == WARMUP_CYCLES) {
                transfers.forEach(t -> ids.add(m.inject(t.src(), t.dst(), t.flits())));
            }
        });
        mesh.setListener((id, s, d, f, created, delivered) -> {
            if (ids.contains(id)) {
                left[0]--;
                last[0] = Math.max(last[0], delivered + 1 - WARMUP_CYCLES);
            }
        });
        while (left[0] > 0 || mesh.cycle() <= WARMUP_CYCLES) {
            mesh.step();
        }
        return last[0];
    }

    /** The same in the flow model, in cycles. */
    private static double flowModel(List<int[]> background, List<Transfer> transfers) {
        Timeline timeline = new Timeline("flow");
        FlowNetwork net = new FlowNetwork(timeline);
        double bw = RouterConfig.FLIT_BYTES * CLOCK_HZ;
        int meshClass = net.linkClass("mesh"), rampClass = net.linkClass("ramp");
        int mesh = net.addLinks(K * K * 4, meshClass, bw, ROUTER.hopCycles() / CLOCK_HZ);
        int inject = net.addLinks(K * K, rampClass, bw, 0);
        int eject = net.addLinks(K * K, rampClass, bw, ROUTER.routerCycles() / CLOCK_HZ);
        for (int[] b : background) {
            int[] route = FlowCycleAgreementTest.xyRoute(b[1], b[2], mesh, inject, eject);
            timeline.at(b[0] / CLOCK_HZ, () -> net.transfer(route, PACKET_FLITS * (long) RouterConfig.FLIT_BYTES, f -> { }));
        }
        double[] last = {0};
        int[] left = {transfers.size()};
        double startS = WARMUP_CYCLES / CLOCK_HZ;
        timeline.at(startS, () -> transfers.forEach(t -> net.transfer(FlowCycleAgreementTest.xyRoute(t.src(), t.dst(), mesh, inject, eject),
                t.bytes(), f -> {
                    left[0]--;
                    last[0] = Math.max(last[0], timeline.now() - startS);
                })));
        timeline.stopWhen(() -> left[0] == 0);
        timeline.run();
        return last[0] * CLOCK_HZ;
    }
}
