package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fabricsim.cli.sweep.SweepPlan;
import org.fabricsim.fabric.gpu.GpuCalibration;
import org.fabricsim.workloads.gpu.GpuSystemConfig;
import org.fabricsim.workloads.wafer.WaferSystemConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hardware a scenario derives or defines inline: units, refusals, the resolved record and sweep axes into it. */
class HardwareInScenarioTest {
    @TempDir
    Path tmp;

    private static final String SCENARIO = """
            name: hw
            workload: {source: closed, requests: 2, prompt_tokens: 16, output_tokens: 4}
            systems:
              - kind: gpu
                name: g
                model: llama-3.1-8b
                gpu: %s
              - kind: wafer
                name: w
                model: llama-3.1-8b
                wafer: %s
            """;

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private Scenario load(String gpu, String wafer) throws Exception {
        return ScenarioLoader.load(write("s.yaml", SCENARIO.formatted(gpu, wafer)));
    }

    @Test
    void inlineFiguresTakeHumanUnits() throws Exception {
        Scenario s = load("{base: b200, hbm_bandwidth: 12TB/s, nvlink_bandwidth: 3.6TB/s}",
                "{base: wse3, clock: 1.4GHz, mesh_link_bytes_per_cycle: 8}");
        GpuSystemConfig g = (GpuSystemConfig) s.systems().get(0);
        assertEquals(12e12, g.gpu().spec().hbmBandwidthBytesPerS(), 1);
        assertEquals(1.8e12, g.gpu().spec().nvlinkBytesPerSPerDirection(), 1);
        WaferSystemConfig w = (WaferSystemConfig) s.systems().get(1);
        assertEquals(1.4e9, w.waferSpec().clockHz(), 1);
        assertEquals(8, w.waferSpec().linkBytesPerCycle());
    }

    @Test
    void theGpusStructureTakesHumanUnits_andMoreSmsScaleThePeaks() throws Exception {
        Scenario s = load("{base: h100, sm_count: 264, clock: 1.83GHz, launch_latency_s: 0.5us, hbm_latency_s: 400ns,"
                + " l2_bytes: 100MB, l2_bandwidth: 14TB/s}", "wse3");
        org.fabricsim.fabric.api.GpuDescription g = ((GpuSystemConfig) s.systems().get(0)).gpu().spec();
        assertEquals(264, g.smCount());
        assertEquals(0.5e-6, g.launchLatencyS(), 1e-15);
        assertEquals(0.4e-6, g.hbmLatencyS(), 1e-15);
        assertEquals(100_000_000L, g.l2Bytes());
        assertEquals(14e12, g.l2BandwidthBytesPerS(), 1);
        assertEquals(2 * org.fabricsim.fabric.gpu.GpuSpec.H100_SXM.peakFlopsBf16(), g.peakFlopsBf16(), 1e3);
    }

    @Test
    void theResolvedScenarioRecordsTheFullHardwareAndReadsBackTheSame() throws Exception {
        Scenario s = load("h200", "{base: wse3, clock: 1.2GHz}");
        String yaml = ScenarioLoader.resolvedYaml(s);
        assertTrue(yaml.contains("hbm_bandwidth: 4.8E+12"), yaml);
        assertTrue(yaml.contains("flops_per_cycle_16bit: 16"), yaml);
        Scenario again = ScenarioLoader.load(write("resolved.yaml", yaml));
        assertEquals(s.systems(), again.systems());
    }

    @Test
    void badFiguresAreRefusedWithFileLineAndField() throws Exception {
        String e = assertThrows(ScenarioException.class, () -> load("{base: h200, hbm_bandwidth: 2GHz}", "wse3"))
                .getMessage();
        assertTrue(e.contains("s.yaml:") && e.contains("systems[0].gpu.hbm_bandwidth") && e.contains("2GHz"), e);
        e = assertThrows(ScenarioException.class, () -> load("{base: h200, hbm_bandwith: 1TB/s}", "wse3")).getMessage();
        assertTrue(e.contains("unknown key 'hbm_bandwith'") && e.contains("did you mean 'hbm_bandwidth'"), e);
        e = assertThrows(ScenarioException.class, () -> load("h200", "{base: wse3, clock: 1.4}")).getMessage();
        assertTrue(e.contains("systems[1].wafer") && e.contains("clock: must be within"), e);
        e = assertThrows(ScenarioException.class, () -> load("{base: h300}", "wse3")).getMessage();
        assertTrue(e.contains("base: must be one of b200, h100, h200, got h300"), e);
    }

    @Test
    void aSweepAxisReachesIntoAHardwareNamedByCatalogName() throws Exception {
        write("base.yaml", SCENARIO.formatted("h200", "wse3"));
        Path sweep = write("sweep.yaml", """
                name: hbm
                base: base.yaml
                axes:
                  - path: systems[0].gpu.hbm_bandwidth
                    values: [4.8TB/s, 9.6TB/s]
                  - path: systems[1].wafer.mesh_link_bytes_per_cycle
                    values: [4, 8]
                """);
        SweepPlan plan = SweepLoader.load(sweep);
        assertEquals(4, plan.points().size());
        String last = plan.points().get(3).scenarioYaml();
        assertTrue(last.contains("hbm_bandwidth: 9.6TB/s") || last.contains("hbm_bandwidth: 9.6E+12"), last);
        assertTrue(last.contains("base: h200") && last.contains("mesh_link_bytes_per_cycle: 8"), last);
    }

    @Test
    void theClustersNetworkIsSettable() throws Exception {
        Path f = write("net.yaml", """
                name: net
                workload: {source: closed, requests: 2, prompt_tokens: 16, output_tokens: 4}
                systems:
                  - kind: gpu
                    name: g
                    model: llama-3.1-8b
                    nic: xdr
                    nic_bandwidth: 200GB/s
                    nics_per_leaf: 16
                    spines: 2
                    uplink_fraction: 0.5
                """);
        GpuSystemConfig g = (GpuSystemConfig) ScenarioLoader.load(f).systems().get(0);
        assertEquals(200e9, g.clusterShape().nicBytesPerS(), 1);
        assertEquals(16, g.clusterShape().nicsPerLeaf());
        assertEquals(0.5, g.clusterShape().uplinkFraction());
        String e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(write("bad.yaml",
                Files.readString(f).replace("200GB/s", "200")))).getMessage();
        assertTrue(e.contains("nic_bandwidth: must be within"), e);
    }

    @Test
    void aSweepAxisReachesHardwareAndCalibrationTheBaseLeavesToTheirDefaults() throws Exception {
        write("bare.yaml", """
                name: bare
                workload: {source: closed, requests: 2, prompt_tokens: 16, output_tokens: 4}
                systems:
                  - kind: gpu
                    name: g
                    model: llama-3.1-8b
                """);
        Path sweep = write("sweep2.yaml", """
                name: hop
                base: bare.yaml
                axes:
                  - path: systems[0].calibration.nvlink_hop_latency_s
                    values: [6us, 24us]
                  - path: systems[0].gpu.nvlink_bandwidth
                    values: [1.8TB/s]
                """);
        SweepPlan plan = SweepLoader.load(sweep);
        Scenario last = SweepLoader.bindPoint(plan.points().get(1));
        GpuSystemConfig g = (GpuSystemConfig) last.systems().get(0);
        assertEquals(24e-6, GpuCalibration.of(g.calibration().values()).nvlinkHopLatencyS(), 1e-18);
        assertEquals("h100", g.gpu().base());
        assertEquals(0.9e12, g.gpu().spec().nvlinkBytesPerSPerDirection(), 1);
        assertEquals("2.4E-5", plan.points().get(1).values().get(0));
    }
}
