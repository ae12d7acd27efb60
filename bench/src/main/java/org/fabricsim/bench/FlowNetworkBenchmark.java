package org.fabricsim.bench;

import java.util.concurrent.TimeUnit;
import org.fabricsim.cli.bench.FlowChurn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Flow-network rate updates per second (one op = one flow start or completion, each of which recomputes
 * max-min rates) with 1,000 and 10,000 concurrent flows on 1,000 links. Fails at setup while
 * {@link org.fabricsim.core.flow.FlowNetwork} is still the contract stub.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FlowNetworkBenchmark {
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
