package org.fabricsim.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.fabricsim.cli.Scenario;
import org.fabricsim.cli.ScenarioException;
import org.fabricsim.cli.ScenarioLoader;
import org.fabricsim.workloads.gpu.GpuSystemConfig;
import org.fabricsim.workloads.serving.SystemConfig;
import org.fabricsim.workloads.wafer.WaferSystemConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scenarios fabricsim bench times are the seed comparison with exactly the intended keys changed. */
class ScaledScenariosTest {
    private static Scenario seed;

    @BeforeAll
    static void load() throws Exception {
        seed = ScenarioLoader.load(Path.of("..", "scenarios", "kimi-k2.6-wafer-vs-gpu.yaml"));
    }

    @Test
    void withRequests_replacesOnlyTheRequestCount() throws Exception {
        Scenario s = ScaledScenarios.withRequests(seed, 1_000);
        assertEquals(1_000, s.workload().requests());
        assertEquals(seed.workload().users(), s.workload().users());
        assertEquals(seed.workload().outputTokens(), s.workload().outputTokens());
        assertEquals(seed.systems(), s.systems());
        assertEquals(seed.name(), s.name());
        assertEquals(seed.seed(), s.seed());
    }

    @Test
    void withWafers_keepsTheWaferSystemAloneOnThatManyWafersWithOneUser() throws Exception {
        Scenario s = ScaledScenarios.withWafers(seed, "wse3-pipeline", 30, 8);
        WaferSystemConfig wafer = (WaferSystemConfig) s.systems().get(0);
        assertEquals(1, s.systems().size());
        assertEquals("30", wafer.wafers());
        assertEquals(seed.systems().get(0).serving(), wafer.serving());
        assertEquals(8, s.workload().requests());
        assertEquals(1, s.workload().users());
    }

    @Test
    void withDataParallel_keepsTheGpuSystemAloneWithThatManyReplicas() throws Exception {
        Scenario s = ScaledScenarios.withDataParallel(seed, "b200-fast", 2, 64);
        GpuSystemConfig gpu = (GpuSystemConfig) s.systems().get(0);
        assertEquals(List.of("b200-fast"), s.systems().stream().map(SystemConfig::name).toList());
        assertEquals(2, gpu.dataParallel());
        assertEquals(16, gpu.clusterShape().gpus());
        assertEquals(64, s.workload().requests());
        assertEquals(seed.workload().users(), s.workload().users());
    }

    @Test
    void systemAlone_isThatSystemUnchanged() throws Exception {
        Scenario s = ScaledScenarios.systemAlone(seed, "h200-typical", 1_000);
        assertEquals(List.of(seed.systems().get(2)), s.systems());
        assertEquals(1_000, s.workload().requests());
    }

    @Test
    void withModel_swapsTheModelOnAutoWafers() throws Exception {
        WaferSystemConfig w = (WaferSystemConfig) ScaledScenarios.withModel(seed, "wse3-pipeline", "llama-3.1-8b")
                .systems().get(0);
        assertEquals(org.fabricsim.workloads.model.ModelRef.named("llama-3.1-8b"), w.model());
        assertEquals("auto", w.wafers());
    }

    @Test
    void firstSystemOfKind_findsTheWaferAndTheFirstGpuSystem() {
        assertEquals("wse3-pipeline", ScenarioVariant.firstSystemOfKind(seed, "wafer").name());
        assertEquals("b200-fast", ScenarioVariant.firstSystemOfKind(seed, "gpu").name());
        assertNull(ScenarioVariant.firstSystemOfKind(seed, "roofline"));
    }

    @Test
    void unknownSystem_rejectedNamingTheSystemsThereAre() {
        var e = assertThrows(ScenarioException.class, () -> ScaledScenarios.withWafers(seed, "wse2", 30, 8));
        assertTrue(e.getMessage().contains("no system named 'wse2'") && e.getMessage().contains("wse3-pipeline"),
                e.getMessage());
    }

    @Test
    void badValue_rejectedNamingTheScenarioTheChangeAndTheField() {
        var e = assertThrows(ScenarioException.class, () -> ScaledScenarios.withWafers(seed, "wse3-pipeline", 0, 8));
        assertTrue(e.getMessage().contains("kimi-k2.6-wafer-vs-gpu") && e.getMessage().contains("wafers=0")
                && e.getMessage().contains("wafers: must be"), e.getMessage());
    }
}
