package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fabricsim.fabric.catalog.CalibrationCatalog;
import org.fabricsim.fabric.gpu.GpuCalibration;
import org.fabricsim.fabric.wafer.MeshCostModel;
import org.fabricsim.fabric.wafer.ReductionScheme;
import org.fabricsim.fabric.wafer.WaferFidelity;
import org.fabricsim.workloads.gpu.GpuSystemConfig;
import org.fabricsim.workloads.wafer.RegionSizing;
import org.fabricsim.workloads.wafer.WaferSystemConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration sets as data: picked or derived in a scenario, recorded whole, listed and documented from the file. */
class CalibrationSetsTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private Scenario load(String calibration, String kernels) throws Exception {
        return ScenarioLoader.load(write("s.yaml", """
                name: cal
                workload: {source: closed, requests: 2, prompt_tokens: 16, output_tokens: 4}
                systems:
                  - kind: gpu
                    name: g
                    model: llama-3.1-8b
                    calibration: %s
                  - kind: wafer
                    name: w
                    model: llama-3.1-8b
                    kernels: %s
                """.formatted(calibration, kernels)));
    }

    @Test
    void aDerivedSetChangesOnlyWhatItNamesAndTakesUnits() throws Exception {
        Scenario s = load("{base: default, nvlink_hop_latency_s: 24us}", "{base: calibrated, instruction_cycles: 9}");
        GpuCalibration g = GpuCalibration.of(((GpuSystemConfig) s.systems().get(0)).calibration().values());
        assertEquals(24e-6, g.nvlinkHopLatencyS(), 1e-18);
        assertEquals(GpuCalibration.DEFAULT.hbmBandwidthEfficiency(), g.hbmBandwidthEfficiency());
        WaferSystemConfig w = (WaferSystemConfig) s.systems().get(1);
        assertEquals(9, costModel(w).instructionCycles());
        assertEquals(20, costModel(w).stageCycles());
    }

    @Test
    void theDefaultsAreTheCatalogsSetsAndTheRecordedScenarioReadsBackTheSame() throws Exception {
        Scenario s = load("default", "peak");
        assertEquals(GpuCalibration.DEFAULT, GpuCalibration.of(((GpuSystemConfig) s.systems().get(0)).calibration().values()));
        assertTrue(costModel((WaferSystemConfig) s.systems().get(1)).sumsInRegisters());
        String yaml = ScenarioLoader.resolvedYaml(s);
        assertTrue(yaml.contains("split_k_min_depth: 256"), yaml);
        assertEquals(s.systems(), ScenarioLoader.load(write("again.yaml", yaml)).systems());
    }

    @Test
    void aGpuSystemPicksOrDerivesAStack_andTheRecordedScenarioHoldsItsValues() throws Exception {
        Path f = write("st.yaml", """
                name: st
                workload: {source: closed, requests: 2, prompt_tokens: 16, output_tokens: 4}
                systems:
                  - {kind: gpu, name: a, model: llama-3.1-8b}
                  - {kind: gpu, name: b, model: llama-3.1-8b, stack: vllm}
                  - {kind: gpu, name: c, model: llama-3.1-8b, stack: {base: sglang, step_overhead_s: 2ms}}
                """);
        Scenario s = ScenarioLoader.load(f);
        assertEquals("ideal", ((GpuSystemConfig) s.systems().get(0)).stack().base());
        assertEquals(CalibrationCatalog.builtIn().set(CalibrationCatalog.GPU_STACK, "vllm").values(),
                ((GpuSystemConfig) s.systems().get(1)).stack().values());
        GpuSystemConfig c = (GpuSystemConfig) s.systems().get(2);
        assertEquals(2e-3, c.softwareStack().stepOverheadS(), 1e-15);
        assertEquals(CalibrationCatalog.builtIn().set(CalibrationCatalog.GPU_STACK, "sglang").values()
                .get("kernel_efficiency"), c.softwareStack().kernelEfficiency());
        String yaml = ScenarioLoader.resolvedYaml(s);
        assertEquals(s.systems(), ScenarioLoader.load(write("st-again.yaml", yaml)).systems());
        String e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(write("bad.yaml",
                Files.readString(f).replace("stack: vllm", "stack: tgi")))).getMessage();
        assertTrue(e.contains("stack: base: must be one of ideal, trtllm, sglang, vllm, got tgi"), e);
    }

    @Test
    void unknownSetsKeysAndBadValuesAreRefusedByName() {
        String e = assertThrows(ScenarioException.class, () -> load("vllm", "calibrated")).getMessage();
        assertTrue(e.contains("calibration: base: must be one of default, got vllm"), e);
        e = assertThrows(ScenarioException.class, () -> load("{base: default, split_k_depth: 256}", "calibrated"))
                .getMessage();
        assertTrue(e.contains("unknown key 'split_k_depth'") && e.contains("split_k_min_depth"), e);
        e = assertThrows(ScenarioException.class, () -> load("{base: default, flop_efficiency: 1.5}", "calibrated"))
                .getMessage();
        assertTrue(e.contains("flopEfficiency: must be in (0, 1]"), e);
        e = assertThrows(ScenarioException.class, () -> load("default", "{base: calibrated, instruction_cycles: 2GHz}"))
                .getMessage();
        assertTrue(e.contains("instruction_cycles"), e);
    }

    @Test
    void describeListsEverySetAndFidelityAndTheDocsNameEveryField() throws IOException {
        CliTestSupport.Result r = CliTestSupport.run("describe");
        assertEquals(0, r.exit(), r.err());
        String doc = Files.readString(Path.of("..", "docs", "calibration.md"));
        CalibrationCatalog cal = CalibrationCatalog.builtIn();
        for (String kind : java.util.List.of(CalibrationCatalog.GPU, CalibrationCatalog.GPU_STACK, CalibrationCatalog.WAFER_KERNELS)) {
            for (String name : cal.names(kind)) {
                assertTrue(r.out().contains(kind + " " + name + ":"), r.out());
                assertTrue(doc.contains(kind + "." + name), "docs/calibration.md does not name the set " + kind + "." + name);
            }
            for (String field : CalibrationCatalog.fields(kind)) {
                assertTrue(doc.contains("`" + field + "`"), "docs/calibration.md does not list " + field);
            }
        }
        for (WaferFidelity f : WaferFidelity.values()) {
            assertTrue(r.out().contains(f.key() + " ") && r.out().contains(f.description()), r.out());
        }
        for (RegionSizing z : RegionSizing.values()) {
            assertTrue(r.out().contains(z.key() + " ") && r.out().contains(z.description()), r.out());
        }
    }

    private Path waferWith(String key, String value) throws IOException {
        return write("w.yaml", """
                name: choice
                workload: {source: closed, requests: 2, prompt_tokens: 16, output_tokens: 4}
                systems:
                  - kind: wafer
                    name: w
                    model: llama-3.1-8b
                    %s: %s
                """.formatted(key, value));
    }

    @Test
    void anUnknownFidelityOrSizingIsRefusedAtLoadWithFileFieldValueAndTheKnownNames() throws IOException {
        Path f = waferWith("fidelity", "cycle");
        String e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f)).getMessage();
        assertTrue(e.contains(f.toString()) && e.contains("fidelity: must be one of "
                + String.join(", ", WaferFidelity.REGISTRY.keys()) + ", got cycle"), e);
        Path g = waferWith("region_sizing", "even");
        e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(g)).getMessage();
        assertTrue(e.contains(g.toString()) && e.contains("region_sizing: must be one of bytes, critical_path, got even"), e);
    }

    /** The mesh cost model a wafer system's pipelines run with. */
    private static MeshCostModel costModel(WaferSystemConfig w) {
        return MeshCostModel.of(w.costs().kernels(), ReductionScheme.parse(w.costs().reduction()));
    }
}
