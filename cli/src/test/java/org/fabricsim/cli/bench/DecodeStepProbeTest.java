package org.fabricsim.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.fabricsim.cli.ScenarioLoader;
import org.fabricsim.workloads.serving.SystemConfig;
import org.junit.jupiter.api.Test;

/** The probe steps a deployed system one decode step at a time and counts the events each step takes. */
class DecodeStepProbeTest {

    @Test
    void step_llama8bOnOneWse3_takesSimulatedTimeAndEventsEveryStep() throws Exception {
        SystemConfig wse3 = ScenarioLoader.load(Path.of("..", "scenarios", "llama-3.1-8b-wse3.yaml")).systems().get(0);
        DecodeStepProbe probe = new DecodeStepProbe(wse3, 128, 1);
        double first = probe.step();
        double second = probe.step();
        assertTrue(first > 0 && second > 0, first + " s, " + second + " s");
        assertTrue(probe.eventsPerStep() > 1, "events per step " + probe.eventsPerStep());
        probe.resetCounts();
        assertEquals(0.0, probe.eventsPerStep(), 0.0);
    }
}
