package org.fabricsim.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fabricsim.fabric.api.LinkUsage;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.model.ModelRef;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.Deployment;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.junit.jupiter.api.Test;

/** utilization.csv lists what a GPU deployment has: its GPUs and the links among them, not a cluster's idle rest. */
class DeploymentUtilizationTest {

    private static Map<String, LinkUsage> afterOneDecode(String model, int nodes, int tp, int pp) {
        return afterOneDecode(model, nodes, tp, pp, 1);
    }

    private static Map<String, LinkUsage> afterOneDecode(String model, int nodes, int tp, int pp, int dp) {
        GpuSystemConfig c = new GpuSystemConfig("test", ModelRef.named(model), ServingPolicy.DEFAULT, GpuHardware.named("h100"),
                nodes, null, tp, 1, pp, dp, null, null, null, null, true, null, null, null, null, null, null, null);
        ModelSpec m = c.model().spec();
        Timeline timeline = new Timeline();
        Deployment d = c.deploy(m, null, timeline, new RandomStreams(1));
        d.replicas().get(0).submit(GpuEngineTest.decode(4, 1000), () -> { });
        timeline.run();
        Map<String, LinkUsage> byClass = new LinkedHashMap<>();
        d.linkUsage().get().forEach(u -> byClass.put(u.linkClass(), u));
        return byClass;
    }

    @Test
    void oneGpuOfTwoNodes_listsOnlyItsHbm() {
        Map<String, LinkUsage> u = afterOneDecode("llama-3.1-8b", 2, 1, 1);
        assertEquals(java.util.List.of("hbm"), java.util.List.copyOf(u.keySet()));
        assertEquals(1, u.get("hbm").links());
        assertTrue(u.get("hbm").meanUtilization() > 0);
    }

    @Test
    void twoNodesOfThree_listTheirGpusNvlinkAndInfiniband() {
        Map<String, LinkUsage> u = afterOneDecode("llama-3.1-70b", 3, 8, 2);
        assertEquals(16, u.get("hbm").links());
        assertEquals(32, u.get("nvlink").links());
        assertEquals(2, u.get("nvswitch").links());
        LinkUsage ib = u.get("infiniband");
        assertTrue(ib.links() >= 32 && ib.bytesCarried() > 0, ib.toString()); // the pipeline's activations cross nodes
        for (LinkUsage c : u.values()) {
            assertTrue(c.busyFraction() <= 1 && c.meanUtilization() <= c.peakUtilization() + 1e-12, c.toString());
        }
    }

    @Test
    void replicasOfOneNodeEach_haveNoInfiniband() {
        // two tp-8 replicas on two nodes exchange nothing: their NICs are not the deployment's
        Map<String, LinkUsage> u = afterOneDecode("llama-3.1-70b", 2, 8, 1, 2);
        assertEquals(java.util.List.of("nvlink", "nvswitch", "hbm"), java.util.List.copyOf(u.keySet()));
        assertEquals(16, u.get("hbm").links());
        assertEquals(32, u.get("nvlink").links());
    }

    @Test
    void classesWithoutResources_areLeftOut() {
        Deployment d = Deployment.of(java.util.List.of(new org.fabricsim.workloads.serving.StepEngine() {
            @Override
            public void submit(org.fabricsim.workloads.serving.Step step, Runnable done) {
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
        }), () -> java.util.List.of(new LinkUsage("wafer-mesh", 0, 0, 0, 0, 0, 0),
                new LinkUsage("sram", 2, 0.5, 0.5, 0.5, 1, 10)), null);
        assertEquals(java.util.List.of("sram"), d.linkUsage().get().stream().map(LinkUsage::linkClass).toList());
    }
}
