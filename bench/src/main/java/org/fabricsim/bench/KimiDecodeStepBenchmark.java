package org.fabricsim.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.fabricsim.cli.Scenario;
import org.fabricsim.cli.ScenarioLoader;
import org.fabricsim.cli.bench.DecodeStepProbe;
import org.fabricsim.cli.bench.ScenarioVariant;
import org.fabricsim.workloads.serving.SystemConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Average wall time of one batch-1 decode step (one sequence, one new token after 1,000 tokens of
 * context, no draft tokens) of Kimi K2.6 on the seed comparison's WSE-3 pipeline ({@code wafers: auto},
 * 20 WSE-3). The system is built once per trial from the scenario file (run from the repository root, or
 * pass {@code -p scenario=PATH}); the first wafer system in it is stepped. Setup runs
 * {@value #SETUP_STEPS} steps first: a pipeline builds and caches mesh routes as experts are first used.
 * {@code fabricsim bench} reports the same step as {@code wse3_kimi_k2_6_decode_step}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class KimiDecodeStepBenchmark extends FabricsimBenchmark {
    private static final int SETUP_STEPS = 300;

    @Param({"scenarios/seed/kimi-wafer-single.yaml"})
    public String scenario;

    private DecodeStepProbe probe;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of(scenario));
        SystemConfig wafer = ScenarioVariant.firstSystemOfKind(s, "wafer");
        if (wafer == null) {
            throw new IllegalArgumentException("scenario: " + scenario + " has no system of kind wafer");
        }
        probe = new DecodeStepProbe(wafer, DecodeStepProbe.SEED_CONTEXT_TOKENS, 1);
        for (int i = 0; i < SETUP_STEPS; i++) {
            probe.step();
        }
    }

    /** Returns the step's simulated seconds (defeats dead-code elimination). */
    @Benchmark
    public double decodeStep() {
        return probe.step();
    }
}
