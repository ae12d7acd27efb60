package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fabricsim.workloads.roofline.RooflineSystemConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
    @TempDir
    Path tmp;

    static final String GOOD = """
            name: t
            workload:
              source: closed
              requests: 3
              prompt_tokens: 16
              output_tokens: 4
            systems:
              - kind: roofline
                name: r
                model: llama-3.1-8b
                memory_bandwidth_bytes_per_s: 3.35TB/s
                step_overhead_s: 2us
                memory_bytes: 80GB
                serving: {batch_limit: 2}
            """;

    private Path write(String text) throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, text);
        return f;
    }

    private String error(String text) throws IOException {
        Path f = write(text);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
        return e.getMessage();
    }

    @Test
    void load_fillsDefaultsAndConvertsHumanUnits() throws Exception {
        Scenario s = ScenarioLoader.load(write(GOOD));
        RooflineSystemConfig r = (RooflineSystemConfig) s.systems().get(0);
        assertEquals(3.35e12, r.memoryBandwidthBytesPerS(), 1);
        assertEquals(2e-6, r.stepOverheadS(), 1e-18);
        assertEquals(80_000_000_000L, r.memoryBytes());
        assertEquals(2, r.serving().batchLimit());
        assertEquals(1L, s.seed());
        assertEquals(989.4e12, r.peakFlopsPerS(), 1);
    }

    @Test
    void resolvedYaml_loadsBackToTheSameScenario() throws Exception {
        Scenario s = ScenarioLoader.load(write(GOOD));
        Scenario again = ScenarioLoader.load(write(ScenarioLoader.resolvedYaml(s)));
        assertEquals(s.toString(), again.toString());
    }

    @Test
    void unknownKey_namesLineAndSuggests() throws Exception {
        String msg = error(GOOD.replace("    serving: {batch_limit: 2}", "    serving: {batch_limt: 2}"));
        assertTrue(msg.contains("s.yaml:14:"), msg);
        assertTrue(msg.contains("unknown key 'batch_limt'"), msg);
        assertTrue(msg.contains("did you mean 'batch_limit'"), msg);
    }

    @Test
    void badValue_namesFieldAndValue() throws Exception {
        String msg = error(GOOD.replace("batch_limit: 2", "batch_limit: 0"));
        assertTrue(msg.contains("batch_limit") && msg.contains("got 0"), msg);
        assertTrue(msg.contains("systems[0].serving"), msg);
    }

    @Test
    void wrongType_andWrongUnit_areRefused() throws Exception {
        String msg = error(GOOD.replace("requests: 3", "requests: many"));
        assertTrue(msg.contains("s.yaml:4") && msg.contains("workload.requests"), msg);
        msg = error(GOOD.replace("step_overhead_s: 2us", "step_overhead_s: 2GB"));
        assertTrue(msg.contains("is a bytes but this field takes a time"), msg);
        assertTrue(msg.contains("systems[0].step_overhead_s"), msg);
    }

    @Test
    void unknownKindAndModel_listTheKnownOnes() throws Exception {
        String msg = error(GOOD.replace("kind: roofline", "kind: roofine"));
        assertTrue(msg.contains("unknown kind 'roofine'") && msg.contains("did you mean 'roofline'"), msg);
        msg = error(GOOD.replace("model: llama-3.1-8b", "model: llama-3.1-8"));
        assertTrue(msg.contains("systems[0].model") && msg.contains("llama-3.1-8b"), msg);
    }

    private static String disaggregated(String prefillSystem) {
        return GOOD.replace("    serving: {batch_limit: 2}\n", "    serving:\n      batch_limit: 2\n      prefill:\n"
                + "        kv_link_bandwidth_bytes_per_s: 100GB/s\n        system: " + prefillSystem + "\n");
    }

    @Test
    void disaggregatedPrefill_loadsAndRuns_andItsSystemMustServeTheSameModelWithoutDisaggregatingAgain()
            throws Exception {
        Scenario s = ScenarioLoader.load(write(disaggregated("{kind: roofline, name: p, model: llama-3.1-8b}")));
        assertEquals(100e9, s.systems().get(0).serving().prefill().kvLinkBandwidthBytesPerS(), 1);
        assertEquals("p", s.systems().get(0).serving().prefill().system().name());
        assertEquals(1, new ScenarioRunner().run(s, 1, new ScenarioRunner.Progress()).size());
        String msg = error(disaggregated("{kind: roofline, name: p, model: llama-3.1-70b}"));
        assertTrue(msg.contains("systems[0].serving.prefill.system.model") && msg.contains("llama-3.1-70b"), msg);
        msg = error(disaggregated("{kind: roofline, name: p, model: llama-3.1-8b, serving: {prefill: {system: "
                + "{kind: roofline, name: q, model: llama-3.1-8b}}}}"));
        assertTrue(msg.contains("cannot send them on to another"), msg);
    }

    private static String withKvLink(String keys) {
        return GOOD.replace("    serving: {batch_limit: 2}\n", "    serving:\n      batch_limit: 2\n      prefill:\n"
                + keys + "        system: {kind: roofline, name: p, model: llama-3.1-8b}\n");
    }

    @Test
    void kvLinkKind_setsTheLinksRateFromItsPortsAndItsLatency_explicitFiguresWin_unknownKindsAreRefused()
            throws Exception {
        var hw = org.fabricsim.fabric.api.Hardware.builtIn();
        var dp = ScenarioLoader.load(write(withKvLink("        kv_link: ndr\n        kv_link_ports: 8\n")))
                .systems().get(0).serving().prefill();
        assertEquals(8 * hw.systemLinkPortBytesPerS("ndr"), dp.kvLinkBandwidthBytesPerS(), 1e-3);
        assertEquals(hw.systemLinkLatencyS("ndr"), dp.kvLinkLatencyS(), 1e-15);
        dp = ScenarioLoader.load(write(withKvLink("        kv_link: ethernet_100g\n        kv_link_latency_s: 200us\n")))
                .systems().get(0).serving().prefill();
        assertEquals(hw.systemLinkPortBytesPerS("ethernet_100g"), dp.kvLinkBandwidthBytesPerS(), 1e-3);
        assertEquals(200e-6, dp.kvLinkLatencyS(), 1e-15);
        String msg = error(withKvLink("        kv_link: infiniband\n"));
        assertTrue(msg.contains("kv_link") && msg.contains("ndr") && msg.contains("ethernet_400g"), msg);
        msg = error(withKvLink("        kv_link_ports: 2\n"));
        assertTrue(msg.contains("kv_link_ports"), msg);
    }

    @Test
    void malformedYaml_andEmptyFile_areRefused() throws Exception {
        String msg = error("name: [unclosed\n");
        assertTrue(msg.startsWith(tmp.resolve("s.yaml").toString()), msg);
        assertFalse(error("").isBlank());
        msg = error(GOOD.replace("name: t", "name: ../escape"));
        assertTrue(msg.contains("name:"), msg);
    }

    /** PyYAML's YAML 1.1 resolver patterns for int and float (resolver.py), which Python users read outputs with. */
    private static final java.util.regex.Pattern YAML11_INT = java.util.regex.Pattern.compile(
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final java.util.regex.Pattern YAML11_FLOAT = java.util.regex.Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");

    @Test
    void resolvedYaml_everyShippedScenario_everyNumberIsAYaml11IntOrFloat() throws Exception {
        int numbers = 0;
        try (var files = Files.list(Path.of("..", "scenarios"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Scenario sc;
                try {
                    sc = ScenarioLoader.load(f);
                } catch (ScenarioException e) {
                    continue; // NoC configs share the folder and are not scenarios
                }
                for (String line : ScenarioLoader.resolvedYaml(sc).split("\n")) {
                    int colon = line.indexOf(": ");
                    String v = (colon < 0 ? line.replaceFirst("^\\s*- ", "") : line.substring(colon + 2)).trim();
                    boolean javaNumber;
                    try {
                        Double.parseDouble(v);
                        javaNumber = !v.isEmpty() && !v.startsWith("\"") && !v.startsWith("'");
                    } catch (NumberFormatException e) {
                        javaNumber = false;
                    }
                    if (javaNumber) {
                        numbers++;
                        assertTrue(YAML11_INT.matcher(v).matches() || YAML11_FLOAT.matcher(v).matches(),
                                f + ": '" + line + "' would be a string to PyYAML");
                    }
                }
            }
        }
        assertTrue(numbers > 100, "numbers checked: " + numbers);
    }

    @Test
    void yaml11_largeAndSmallDoubles_signedExponentAndSameValue() {
        for (double v : new double[] {1e9, 3.35e12, 2.5e-7, 0.5, 1e308, -4e20}) {
            String t = ScenarioLoader.yaml11(v);
            assertTrue(YAML11_FLOAT.matcher(t).matches(), t);
            assertEquals(v, Double.parseDouble(t));
        }
    }

    @Test
    void aFractionalCountAndADuplicatedKeyAreRefusedNotRounded() throws Exception {
        String e = error(GOOD.replace("requests: 3", "requests: 3.5"));
        assertTrue(e.contains("workload.requests") && e.contains("3.5"), e);
        e = error(GOOD.replace("output_tokens: 4", "output_tokens: 4\n  output_tokens: 8"));
        assertTrue(e.contains("Duplicate field 'output_tokens'"), e);
    }

    @Test
    void aDraftHeadOfMoreLayersThanTheTargetHasIsRefused() throws Exception {
        String e = error(GOOD.replace("serving: {batch_limit: 2}",
                "serving: {batch_limit: 2, speculative: {draft_tokens: 2, draft_layers: 40, acceptance_rate: 0.7}}"));
        assertTrue(e.contains("speculative.draft_layers: must be at most the 32 layers of llama-3.1-8b, got 40"), e);
    }
}
