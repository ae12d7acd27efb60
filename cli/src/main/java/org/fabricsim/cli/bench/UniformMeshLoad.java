package org.fabricsim.cli.bench;

import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.fabric.noc.BernoulliTraffic;
import org.fabricsim.fabric.noc.CycleLevelMesh;
import org.fabricsim.fabric.noc.RouterConfig;
import org.fabricsim.fabric.noc.SyntheticTrafficSpec;
import org.fabricsim.fabric.noc.TrafficPattern;

/**
 * The cycle-level mesh load that issue 7 sets a target for (above 10,000 router-cycles/s): a 16 x 16 mesh
 * of wafer routers under uniform random traffic at 0.1 flits per node per cycle, 4-flit packets. One
 * definition for {@code fabricsim bench} (a whole BookSim-style experiment) and the JMH benchmark (the
 * mesh in steady state).
 */
public final class UniformMeshLoad {
    public static final int SIDE = 16;
    public static final double LOAD = 0.1;
    public static final String PARAMETER = SIDE + "x" + SIDE + " uniform load=" + LOAD;
    private static final int PACKET_FLITS = 4;
    private static final long WARMUP_CYCLES = 1_000;
    private static final long DRAIN_CYCLES = 2_000;
    private static final double WAFER_CLOCK_HZ = 1.1e9;

    private final CycleLevelMesh mesh = new CycleLevelMesh(SIDE, SIDE, RouterConfig.wafer());

    /** A mesh with the traffic attached, run for the warm-up cycles so that it is in steady state. */
    public UniformMeshLoad(long seed) {
        RandomStreams streams = new RandomStreams(seed);
        mesh.setSource(new BernoulliTraffic(TrafficPattern.uniform(SIDE, SIDE), LOAD, PACKET_FLITS,
                streams.stream("noc.injection"), streams.stream("noc.destination")));
        mesh.run(WARMUP_CYCLES);
    }

    /** The experiment for {@link org.fabricsim.fabric.noc.LoadSweep#measure}, measuring {@code measureCycles}. */
    public static SyntheticTrafficSpec spec(long measureCycles) {
        return new SyntheticTrafficSpec(SIDE, SIDE, RouterConfig.wafer(), TrafficPattern.uniform(SIDE, SIDE),
                PACKET_FLITS, WARMUP_CYCLES, measureCycles, DRAIN_CYCLES, WAFER_CLOCK_HZ);
    }

    /** Simulates {@code cycles} more cycles; returns the packets delivered so far (defeats dead-code elimination). */
    public long run(long cycles) {
        mesh.run(cycles);
        return mesh.packetsDelivered();
    }
}
