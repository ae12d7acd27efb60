package org.fabricsim.bench;

import java.util.ArrayList;
import java.util.List;
import org.fabricsim.cli.Table;
import org.fabricsim.cli.bench.HoldModel;
import org.fabricsim.cli.bench.Rounds;

/**
 * The hold-model table of {@link HoldBenchmark} measured for a shared machine: all engines in one JVM,
 * round-robin, timed by process CPU time (every thread, DSOL's worker, GC and JIT included), which does
 * not count time spent descheduled while other processes run. Run with
 * {@code java -cp bench/target/benchmarks.jar org.fabricsim.bench.HoldCpuTime [rounds] [secondsPerRound] [engine,...]}
 * (each engine's round is sized to take about that long, from a first calibration run).
 */
public final class HoldCpuTime {
    private static final List<String> ALL_ENGINES = List.of("primitiveHeap", "priorityQueue", "timeline", "dsolDefault",
            "dsolNoTrace", "dsolNoTraceNoTimeChanged", "dsolNoTraceNoTimeChangedHeap");

    private static final long CALIBRATION_EVENTS = 200_000;
    /** Printed a row at a time as each pending size is measured. */
    private static final Table TABLE = new Table(Table.Col.left("engine", 30), Table.Col.right("pending", 8),
            Table.Col.right("M events/cpu_s", 14), Table.Col.right("M events/wall_s", 14));

    private HoldCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double roundS = args.length > 1 ? Double.parseDouble(args[1]) : 0.3;
        List<String> engines = args.length > 2 ? List.of(args[2].split(",")) : ALL_ENGINES;
        System.out.print(TABLE.line(TABLE.headers()));
        for (int pending : new int[] {1_000, 100_000}) {
            List<HoldModel> models = new ArrayList<>();
            List<Rounds.Body> bodies = new ArrayList<>();
            List<Long> events = new ArrayList<>();
            double[] sink = new double[1];
            for (String e : engines) {
                HoldModel m = HoldBenchmark.create(e, pending);
                m.run(pending);
                long t0 = System.nanoTime();
                m.run(CALIBRATION_EVENTS);
                double rate = CALIBRATION_EVENTS / ((System.nanoTime() - t0) * 1e-9);
                long n = Math.max(CALIBRATION_EVENTS, (long) (roundS * rate));
                events.add(n);
                models.add(m);
                bodies.add(() -> sink[0] += m.run(n));
            }
            Rounds.Times[] t = new Rounds(3, rounds).medianTimesInterleaved(bodies);
            for (int k = 0; k < t.length; k++) {
                System.out.print(TABLE.line(engines.get(k), String.valueOf(pending),
                        Table.fixed(3, events.get(k) / t[k].cpuS() / 1e6), Table.fixed(3, events.get(k) / t[k].wallS() / 1e6)));
            }
            models.forEach(HoldModel::close);
        }
    }
}
