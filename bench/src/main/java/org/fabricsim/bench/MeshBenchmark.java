package org.fabricsim.bench;

import org.fabricsim.cli.bench.UniformMeshLoad;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * The cycle-level 16 x 16 mesh of wafer routers under uniform random traffic at 0.1 flits per node per
 * cycle, in steady state: the score is router-cycles per second (one op = one cycle of the whole mesh).
 * Issue 7's target is above 10,000. {@code fabricsim bench} reports the same load as
 * {@code mesh_router_cycles_per_s}, there including the mesh's construction, warm-up and drain.
 */
public class MeshBenchmark extends FabricsimBenchmark {
    /** Cycles per invocation: about 50 ms at the target rate, long enough to amortise the call. */
    private static final int CYCLES = 1_000;

    private UniformMeshLoad mesh;

    @Setup(Level.Trial)
    public void setUp() {
        mesh = new UniformMeshLoad(1);
    }

    @Benchmark
    @OperationsPerInvocation(CYCLES)
    public long routerCycles() {
        return mesh.run(CYCLES);
    }
}
