package org.fabricsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.fabricsim.cli.bench.FlowChurn;

/**
 * The {@link FlowNetworkBenchmark} load timed by the thread's CPU time, for a shared machine (time spent
 * descheduled while other processes run is not counted): per flow count, warm-up runs, then timed runs of
 * {@code completions} completions (2 rate updates each); prints the median and best updates per CPU second.
 * Run with {@code java -cp bench/target/benchmarks.jar org.fabricsim.bench.FlowChurnCpuTime [runs] [completions]}.
 */
public final class FlowChurnCpuTime {
    private static final int LINKS = 1_000;

    private FlowChurnCpuTime() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int completions = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        System.out.printf("%8s %8s %22s %22s%n", "flows", "links", "updates/cpu_s median", "updates/cpu_s best");
        for (int flows : new int[] {1_000, 10_000}) {
            FlowChurn churn = new FlowChurn(flows, LINKS, 42);
            // Warm-up: at least 2 s of CPU and 4 runs, so the JIT has compiled the recompute path.
            long warmStart = cpu.getCurrentThreadCpuTime();
            for (int w = 0; w < 4 || cpu.getCurrentThreadCpuTime() - warmStart < 2_000_000_000L; w++) {
                churn.run(completions);
            }
            double[] rates = new double[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                churn.run(completions);
                rates[r] = 2.0 * completions / ((cpu.getCurrentThreadCpuTime() - t0) * 1e-9);
            }
            Arrays.sort(rates);
            System.out.printf("%8d %8d %22.0f %22.0f%n", flows, LINKS, rates[runs / 2], rates[runs - 1]);
        }
    }
}
