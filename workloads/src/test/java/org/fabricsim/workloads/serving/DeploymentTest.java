package org.fabricsim.workloads.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fabricsim.fabric.api.LinkUsage;
import org.junit.jupiter.api.Test;

class DeploymentTest {
    private static final StepEngine ENGINE = new StepEngine() {
        @Override
        public void submit(Step step, Runnable done) {
            done.run();
        }

        @Override
        public int maxStepsInFlight() {
            return 1;
        }

        @Override
        public long kvCapacityTokens() {
            return 1;
        }
    };

    @Test
    void linkUsage_leavesOutClassesWithoutResources() {
        Deployment d = Deployment.of(List.of(ENGINE), () -> List.of(new LinkUsage("inter-wafer", 0, 0, 0, 0, 0, 0),
                new LinkUsage("wafer-mesh", 4, 0.5, 0.25, 0.75, 1.5, 1e6)), null);
        assertEquals(List.of("wafer-mesh"), d.linkUsage().get().stream().map(LinkUsage::linkClass).toList());
        assertEquals(Double.NaN, d.joules(1.0)); // no power modelled
    }
}
