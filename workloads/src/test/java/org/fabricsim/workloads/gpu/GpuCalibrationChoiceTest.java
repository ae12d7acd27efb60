package org.fabricsim.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelRef;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.CalibrationChoice;
import org.fabricsim.workloads.serving.Step;
import org.junit.jupiter.api.Test;

/** A derived calibration set reaches the deployed kernels, not only the record. */
class GpuCalibrationChoiceTest {

    private static double decodeStepS(CalibrationChoice calibration) {
        ModelSpec m = ModelCatalog.get("deepseek-r1-nvfp4");
        GpuSystemConfig c = new GpuSystemConfig("g", ModelRef.named(m.name()), null, GpuHardware.named("b200"), null,
                null, 8, 8, 1, 1, null, null, null, null, null, null, "all_reduce", calibration, null, null, null, null);
        Timeline timeline = new Timeline();
        double[] end = {Double.NaN};
        c.deploy(m, null, timeline, new RandomStreams(1)).replicas().get(0)
                .submit(new Step(List.of(new Step.SequenceWork(0, 1, 1024, false)), 0), () -> end[0] = timeline.now());
        timeline.run();
        return end[0];
    }

    @Test
    void fewerBytesInFlightSlowASmallBatchDecode_andMoreDoNotSlowIt() {
        double base = decodeStepS(null);
        double shallow = decodeStepS(new CalibrationChoice("default", Map.of("bytes_in_flight_per_sm", 8192.0)));
        double deep = decodeStepS(new CalibrationChoice("default", Map.of("bytes_in_flight_per_sm", 1048576.0)));
        // batch-1 TP8 GEMMs have few output tiles: their SMs' bytes in flight set the stream (Little's law)
        assertTrue(shallow > 1.1 * base, shallow + " vs " + base);
        assertTrue(deep <= base, deep + " vs " + base);
    }
}
