package org.fabricsim.bench;

import java.util.SplittableRandom;
import org.fabricsim.core.flow.MaxMinSolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The max-min solver alone, without the timeline or the component search: one op is one whole solve
 * (fill and solve) of {@code flows} flows, each over 4 distinct random links of 1,000, a tenth of them
 * capped; the worst case of one flow-network rate update, where every flow shares the one component.
 */
public class MaxMinSolverBenchmark extends FabricsimBenchmark {
    private static final int LINKS = 1_000;
    private static final int ROUTE_LINKS = 4;

    @Param({"1000", "10000"})
    public int flows;

    private final MaxMinSolver solver = new MaxMinSolver();
    private double[] capacity;
    private double[] cap;
    private int[][] routes;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        capacity = new double[LINKS];
        for (int k = 0; k < LINKS; k++) {
            capacity[k] = 100e9 * (1 + random.nextInt(4));
        }
        cap = new double[flows];
        routes = new int[flows][];
        for (int f = 0; f < flows; f++) {
            cap[f] = random.nextInt(10) == 0 ? 1e9 * (1 + random.nextDouble()) : Double.POSITIVE_INFINITY;
            routes[f] = random.ints(0, LINKS).distinct().limit(ROUTE_LINKS).toArray();
        }
    }

    @Benchmark
    public double solve() {
        solver.clear();
        for (double c : capacity) {
            solver.addLink(c);
        }
        for (int f = 0; f < flows; f++) {
            solver.addFlow(cap[f], routes[f]);
        }
        solver.solve(0);
        return solver.rate(flows - 1);
    }
}
