package org.fabricsim.bench;

import org.fabricsim.cli.bench.FlowChurn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Flow-network rate updates per second (one op = one flow start or completion, each of which recomputes
 * max-min rates) with 1,000 and 10,000 concurrent flows on 1,000 links.
 */
@Warmup(iterations = 2, time = 1)
public class FlowNetworkBenchmark extends FabricsimBenchmark {
    private static final int COMPLETIONS = 500;
    private static final int LINKS = 1_000;

    @Param({"1000", "10000"})
    public int concurrentFlows;

    private FlowChurn churn;

    @Setup(Level.Trial)
    public void setUp() {
        churn = new FlowChurn(concurrentFlows, LINKS, 42);
    }

    @Benchmark
    @OperationsPerInvocation(2 * COMPLETIONS)
    public double rateUpdates() {
        return churn.run(COMPLETIONS);
    }
}
