package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NocCommandTest {
    static final String SMALL = """
            name: noc-small
            mesh: 4
            router: {virtual_channels: 4, buffer_depth_flits: 8}
            packet_flits: 1
            traffic: uniform
            injection_rates: [0.05, 0.3, 1.0]
            warmup_cycles: 500
            measure_cycles: 2000
            drain_cycles: 2000
            seed: 3
            """;

    @TempDir
    Path tmp;

    private Path config(String text) throws IOException {
        Path f = tmp.resolve("noc.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void noc_printsTableAndSaturation_writesCsv() throws Exception {
        Path csv = tmp.resolve("out.csv");
        var r = CliTestSupport.run("noc", config(SMALL).toString(), "--out", csv.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("saturation throughput:"), r.out());
        assertTrue(r.out().contains("zero-load latency"), r.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", NocCommand.COLUMNS), lines.get(0));
        assertEquals(1 + 3, lines.size());
        String[] saturated = lines.get(3).split(",");
        // offered 1 flit/node/cycle is beyond the 4 x 4 mesh's bisection bound min(1, 4/k) = 1 minus allocation losses
        assertTrue(Double.parseDouble(saturated[2]) < 1.0, lines.get(3));
        assertEquals("true", saturated[7]);
        assertEquals("false", lines.get(1).split(",")[7]);
    }

    @Test
    void noc_sameSeed_sameCsv_otherSeedDiffers() throws Exception {
        Path cfg = config(SMALL);
        Path a = tmp.resolve("a.csv"), b = tmp.resolve("b.csv"), c = tmp.resolve("c.csv");
        assertEquals(0, CliTestSupport.run("noc", cfg.toString(), "--out", a.toString(), "-q").exit());
        assertEquals(0, CliTestSupport.run("noc", cfg.toString(), "--out", b.toString(), "-q").exit());
        assertEquals(0, CliTestSupport.run("noc", cfg.toString(), "--out", c.toString(), "--seed", "4", "-q").exit());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertTrue(!Files.readString(a).equals(Files.readString(c)));
    }

    @Test
    void noc_badInput_exitsTwoNamingTheField() throws Exception {
        var r = CliTestSupport.run("noc", config(SMALL.replace("traffic: uniform", "traffic: tornado")).toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("tornado") && r.err().contains("bit_complement"), r.err());
        r = CliTestSupport.run("noc", config(SMALL.replace("buffer_depth_flits: 8", "buffer_depth_flits: 0")).toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("buffer_depth_flits"), r.err());
        r = CliTestSupport.run("noc", config(SMALL.replace("mesh: 4", "mesh: 4\nmeshh: 5")).toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("meshh"), r.err());
        r = CliTestSupport.run("noc", config(SMALL.replace("injection_rates: [0.05, 0.3, 1.0]", "")).toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("injection_rates"), r.err());
        r = CliTestSupport.run("noc", tmp.resolve("missing.yaml").toString());
        assertEquals(2, r.exit());
    }

    @Test
    void noc_shippedConfigsLoad() throws Exception {
        try (var files = Files.list(Path.of("..", "scenarios"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("noc-")).toList()) {
                NocCommand.load(f).toSpec();
            }
        }
    }

    @Test
    void router_preset_takesThePresetsValues_explicitKeysOverride() throws Exception {
        var r = NocCommand.load(config(SMALL.replace("router: {virtual_channels: 4, buffer_depth_flits: 8}",
                "router: {preset: booksim2_iq, virtual_channels: 4, vc_release: last_credit}"))).toSpec().router();
        org.fabricsim.fabric.noc.RouterConfig b = org.fabricsim.fabric.noc.RouterPreset.BOOKSIM2_IQ.config();
        assertEquals(new org.fabricsim.fabric.noc.RouterConfig(b.routingCycles(), b.vcAllocCycles(), b.switchAllocCycles(),
                b.switchTraversalCycles(), b.linkCycles(), 4, b.bufferDepthFlits(), b.injectionCycles(), b.ejectionCycles(),
                b.creditDelayCycles(), b.switchAllocIterations(), org.fabricsim.fabric.noc.VcRelease.LAST_CREDIT), r);
        assertEquals(org.fabricsim.fabric.noc.RouterConfig.wafer(),
                NocCommand.load(config(SMALL.replace("router: {virtual_channels: 4, buffer_depth_flits: 8}", ""))).toSpec().router());
    }

    @Test
    void router_badPresetOrPolicy_exitsTwoNamingFieldAndValue() throws Exception {
        for (String[] bad : new String[][] {{"preset: booksim3", "router.preset", "booksim3"},
            {"vc_release: head_flit", "vc_release", "head_flit"}, {"credit_delay_cycles: -2", "credit_delay_cycles", "-2"},
            {"switch_alloc_iterations: 9", "switch_alloc_iterations", "9"}}) {
            var r = CliTestSupport.run("validate", config(SMALL.replace("virtual_channels: 4", bad[0])).toString());
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains(bad[1]) && r.err().contains(bad[2]), r.err());
        }
    }

    @Test
    void sweep_expandsInclusiveRange() {
        assertEquals(List.of(0.02, 0.04, 0.06, 0.08, 0.1), new NocCommand.Sweep(0.02, 0.1, 0.02).rates());
    }
}
