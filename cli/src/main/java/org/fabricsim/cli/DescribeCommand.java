package org.fabricsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fabricsim.fabric.catalog.CalibrationCatalog;
import org.fabricsim.fabric.catalog.HardwareCatalog;
import org.fabricsim.fabric.gpu.GpuSpec;
import org.fabricsim.fabric.noc.RouterPreset;
import org.fabricsim.fabric.wafer.WaferFidelity;
import org.fabricsim.fabric.wafer.WaferSpec;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.DisaggregatedPrefill;
import org.fabricsim.workloads.serving.SystemConfig;
import org.fabricsim.workloads.wafer.RegionSizing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fabricsim describe}: what a scenario would build, without running it. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"Show what a scenario would build: parameters, bytes, placement and capacity.",
                "Without a scenario: the hardware catalog, the calibration sets (kernel modes among them), the wafer"
                        + " fidelity levels and region sizings a scenario can name."})
final class DescribeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", arity = "0..1", description = "scenario file (none: list the catalogs)")
    Path scenarioFile;

    @picocli.CommandLine.Mixin
    TracesOption traces = new TracesOption();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (scenarioFile == null) {
            describeCatalogs(o);
            o.flush();
            return Main.EXIT_OK;
        }
        Scenario s = ScenarioLoader.load(scenarioFile, traces.dir());
        o.printf("scenario %s: %s%n", s.name(), s.description());
        o.printf("seed %d, %d replication(s); workload: %s%n", s.seed(), s.replications(), keys(s.workload()));
        for (int i = 0; i < s.systems().size(); i++) {
            SystemConfig c = s.systems().get(i);
            ModelSpec model = ScenarioRunner.model(c);
            ModelSpec draft = ScenarioRunner.draft(c);
            o.printf("%nsystem %s (%s): model %s, %.1f B parameters (%.1f B active), %.1f GB of weights, "
                    + "%.1f KB KV cache per token%n", c.name(), kind(c), model.name(),
                    model.totalParams() / 1e9, model.activeParams() / 1e9, model.weightBytes() / 1e9,
                    model.kvBytesPerToken() / 1e3);
            o.printf("  serving: %s%n", keys(c.serving()));
            try {
                for (String line : c.describe(model, draft)) {
                    o.println("  " + line);
                }
                DisaggregatedPrefill dp = c.serving().prefill();
                if (dp != null) {
                    o.printf("  prompts run on %s (%s); each prompt's KV cache (%.1f MB per 1,000 tokens) crosses a"
                            + " %.0f GB/s link%s with %.0f us latency%n", dp.system().name(),
                            dp.system().getClass().getSimpleName(), model.kvBytesPerToken() * 1000 / 1e6,
                            dp.kvLinkBandwidthBytesPerS() / 1e9,
                            dp.kvLink() == null ? "" : " (" + dp.kvLinkPorts() + " x " + dp.kvLink() + ")",
                            dp.kvLinkLatencyS() * 1e6);
                    for (String line : dp.system().describe(model, null)) {
                        o.println("    " + line);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(scenarioFile + ": systems[" + i + "] (" + c.name() + "): " + e.getMessage(), e);
            }
        }
        o.flush();
        return Main.EXIT_OK;
    }

    /** What a scenario can name: hardware entries, calibration sets with each value's source, fidelity levels. */
    static void describeCatalogs(PrintWriter o) {
        HardwareCatalog hw = HardwareCatalog.builtIn();
        o.printf("hardware catalog (%s; derive inline: docs/scenarios.md#hardware-in-a-scenario)%n",
                HardwareCatalog.RESOURCE);
        for (String g : hw.names("gpus")) {
            GpuSpec s = GpuSpec.named(g);
            o.printf(java.util.Locale.ROOT, "  gpu %-6s %5.0f GB HBM at %.2f TB/s, %7.1f / %7.1f / %7.1f TFLOP/s BF16 / FP8 / FP4,"
                    + " NVLink %.0f GB/s%n", g, s.hbmBytes() / 1e9, s.hbmBandwidthBytesPerS() / 1e12, s.peakFlopsBf16() / 1e12,
                    s.peakFlopsFp8() / 1e12, s.peakFlopsFp4() / 1e12, 2 * s.nvlinkBytesPerSPerDirection() / 1e9);
        }
        for (String w : hw.names("wafers")) {
            WaferSpec s = WaferSpec.named(w);
            o.printf(java.util.Locale.ROOT, "  wafer %-4s %d x %d cores of %d KB SRAM, %.2f GHz, %d-byte mesh links, %d FLOP/cycle"
                    + " at 16 bit%n", w, s.rows(), s.cols(), s.sramBytesPerCore() / 1024, s.clockHz() / 1e9,
                    s.linkBytesPerCycle(), s.flopsPerCycle16());
        }
        for (String n : hw.names("interconnects")) {
            o.printf(java.util.Locale.ROOT, "  nic %-4s %.0f GB/s per port and direction%n", n,
                    hw.interconnectPortBytesPerS(n) / 1e9);
        }
        for (String l : hw.names("inter_wafer_links")) {
            o.printf(java.util.Locale.ROOT, "  inter-wafer link %s: %.0f GB/s, %.1f us%n", l,
                    hw.interWaferLinkBandwidthBytesPerS(l) / 1e9, hw.interWaferLinkLatencyS(l) * 1e6);
        }
        for (String l : hw.names("system_links")) {
            o.printf(java.util.Locale.ROOT, "  system link (kv_link) %s: %.1f GB/s per port, %.2f us%n", l,
                    hw.systemLinkPortBytesPerS(l) / 1e9, hw.systemLinkLatencyS(l) * 1e6);
        }
        CalibrationCatalog cal = CalibrationCatalog.builtIn();
        o.printf("%ncalibration sets (%s; a GPU system's calibration: and stack:, a wafer system's kernels:; derive with {base: NAME,"
                + " field: value})%n", CalibrationCatalog.RESOURCE);
        for (String kind : java.util.List.of(CalibrationCatalog.GPU, CalibrationCatalog.GPU_STACK, CalibrationCatalog.WAFER_KERNELS)) {
            for (String name : cal.names(kind)) {
                CalibrationCatalog.Set set = cal.set(kind, name);
                o.printf("  %s %s: %s%n", kind, name, set.description());
                o.print(calibrationValues(set));
            }
        }
        o.printf("%nwafer fidelity levels (a wafer system's fidelity:)%n");
        Table levels = new Table(Table.Col.left("", 11), Table.Col.left("", 0));
        for (WaferFidelity f : WaferFidelity.REGISTRY.all()) {
            levels.row("  " + f.key(), f.description());
        }
        o.print(levels.render());
        o.printf("%nwafer region sizings (a wafer system's region_sizing:)%n");
        Table sizings = new Table(Table.Col.left("", 15), Table.Col.left("", 0));
        for (RegionSizing r : RegionSizing.REGISTRY.all()) {
            sizings.row("  " + r.key(), r.description());
        }
        o.print(sizings.render());
        o.printf("%nNoC router presets (a NoC config's router.preset:; its other router keys override the preset)%n");
        Table presets = new Table(Table.Col.left("", 14), Table.Col.left("", 0));
        for (RouterPreset p : RouterPreset.REGISTRY.all()) {
            presets.row("  " + p.key(), p.description());
        }
        o.print(presets.render());
    }

    /** A calibration set's fields, values and each value's source, indented under the set's name. */
    private static String calibrationValues(CalibrationCatalog.Set set) {
        Table t = new Table(Table.Col.left("", 34), Table.Col.left("", 12), Table.Col.left("", 0));
        set.values().forEach((field, v) -> t.row("    " + field, String.valueOf(v), String.valueOf(set.sources().get(field))));
        return t.render();
    }

    /** The kind name a scenario gives a system ({@code roofline}, {@code gpu}, {@code wafer}). */
    private static String kind(SystemConfig c) {
        for (SystemKinds.Kind k : SystemKinds.all().values()) {
            if (k.config() == c.getClass()) {
                return "kind " + k.name();
            }
        }
        return c.getClass().getSimpleName();
    }

    /** A bound value as the scenario keys that set it ({@code {batch_limit: 16, ...}}), unset keys left out. */
    static String keys(Object value) {
        return flow(ScenarioLoader.mapper(true).valueToTree(value));
    }

    private static String flow(com.fasterxml.jackson.databind.JsonNode n) {
        if (n.isObject()) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            n.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    parts.add(e.getKey() + ": " + flow(e.getValue()));
                }
            });
            return "{" + String.join(", ", parts) + "}";
        }
        if (n.isArray()) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            n.forEach(x -> parts.add(flow(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        return n.isNumber() && n.isFloatingPointNumber() ? ScenarioLoader.yaml11(n.asDouble()) : n.asText();
    }
}
