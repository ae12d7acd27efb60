package org.fabricsim.fabric.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every all-reduce algorithm must do, whatever its flows (STYLE 10: contract tests over implementations). */
class AllReduceContractTest {
    private static final GpuCalibration CAL = GpuCalibration.DEFAULT;

    private static double time(AllReduceAlgorithm a, int n, long bytes, FlowNetwork[] out) {
        Timeline t = new Timeline();
        FlowNetwork net = new FlowNetwork(t);
        GpuCluster c = new GpuCluster(GpuClusterSpec.standard(GpuSpec.H100_SXM, 1, Interconnect.NDR,
                FabricTopology.RAIL_OPTIMIZED), CAL, net);
        Collectives col = new Collectives(c, t);
        double[] end = {Double.NaN};
        col.allReduce(IntStream.range(0, n).toArray(), bytes, a, () -> end[0] = t.now());
        t.run();
        if (out != null) {
            out[0] = net;
        }
        return end[0];
    }

    @ParameterizedTest
    @EnumSource(value = AllReduceAlgorithm.class, names = {"RING", "TREE", "NVLS", "AUTO"})
    void completes_noFasterThanItsStepsAndNoFasterThanTheWire(AllReduceAlgorithm a) {
        for (int n : new int[] {2, 4, 8}) {
            long bytes = 256L << 20;
            double t = time(a, n, bytes, null);
            int steps = Collectives.steps(a == AllReduceAlgorithm.AUTO ? AllReduceAlgorithm.NVLS : a, n);
            assertTrue(t >= steps * CAL.collectiveStepOverheadS(), a + " n=" + n);
            // every GPU must at least receive the others' contribution or its reduction once: bytes over its NVLink port
            assertTrue(t >= bytes / GpuSpec.H100_SXM.nvlinkBytesPerSPerDirection(), a + " n=" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(value = AllReduceAlgorithm.class, names = {"RING", "TREE", "NVLS"})
    void time_growsWithTheMessage_andOneGpuIsFree(AllReduceAlgorithm a) {
        double previous = 0;
        for (long bytes : new long[] {0, 1 << 10, 1 << 20, 1 << 26}) {
            double t = time(a, 8, bytes, null);
            assertTrue(t > previous || (bytes == 0 && t > 0), a + " " + bytes);
            previous = t;
        }
        assertEquals(0.0, time(a, 1, 1 << 20, null), 0.0, "one GPU has nothing to reduce");
    }

    @ParameterizedTest
    @EnumSource(value = AllReduceAlgorithm.class, names = {"RING", "TREE", "NVLS"})
    void everyByteSentIsDelivered(AllReduceAlgorithm a) {
        FlowNetwork[] net = new FlowNetwork[1];
        time(a, 8, 1 << 24, net);
        assertEquals(0, net[0].activeFlows());
        long expected = switch (a) {
            case RING -> 8 * Collectives.ringBytesPerGpu(8, 1 << 24);
            case TREE -> 2L * 7 * (1 << 24);
            default -> 8L * (1 << 24);
        };
        assertEquals(expected, net[0].bytesDelivered());
    }
}
