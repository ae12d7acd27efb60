package org.fabricsim.fabric.noc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Simulated cycles per second of the cycle-level 16 x 16 wafer mesh under uniform random traffic at
 * 0.1 flits/node/cycle (4-flit packets), run the way the CLI runs it (on the timeline, in slices).
 * Not a test (never assert on wall-clock time): run it as docs/noc.md says; it prints wall-clock and
 * thread-CPU rates for several rounds after a JIT warm-up round.
 */
public final class CycleLevelMeshBenchmark {
    private CycleLevelMeshBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        SyntheticTrafficSpec spec = new SyntheticTrafficSpec(16, 16, RouterConfig.wafer(), TrafficPattern.uniform(16, 16), 4, 1000,
                20_000, 20_000, 1.1e9);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r <= rounds; r++) {
            long wall0 = System.nanoTime(), cpu0 = threads.getCurrentThreadCpuTime();
            LoadPoint p = LoadSweep.measure(spec, 0.1, r);
            long wall = System.nanoTime() - wall0, cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long cycles = p.cyclesSimulated();
            System.out.printf("%s round %d: %d cycles, %.0f cycles/s wall, %.0f cycles/s cpu, mean latency %.2f%n",
                    r == 0 ? "warm-up" : "measure", r, cycles, cycles / (wall / 1e9), cycles / (cpu / 1e9), p.meanLatencyCycles());
        }
    }
}
