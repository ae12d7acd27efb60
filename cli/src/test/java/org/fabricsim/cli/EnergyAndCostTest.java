package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Energy and cost per token against hand computation: busy power x busy time + idle power x idle time. */
class EnergyAndCostTest {
    @TempDir
    Path tmp;

    private Map<String, Double> run(String scenario) throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, scenario);
        Path out = tmp.resolve("out");
        CliTestSupport.Result r = CliTestSupport.run("run", f.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        Map<String, Double> v = new HashMap<>();
        for (String row : Files.readAllLines(out.resolve("summary.csv"))) {
            String[] c = row.split(",");
            if (c[2].equals("mean")) {
                v.put(c[0] + "/" + c[1], c[3].isEmpty() ? Double.NaN : Double.parseDouble(c[3]));
            }
        }
        double last = 0;
        List<String> tokens = Files.readAllLines(out.resolve("tokens.csv"));
        int time = List.of(tokens.get(0).split(",")).indexOf("emit_s");
        for (String row : tokens.subList(1, tokens.size())) {
            last = Math.max(last, Double.parseDouble(row.split(",")[time]));
        }
        v.put("span", last);
        return v;
    }

    @Test
    void aRooflineAcceleratorUsesBusyPowerWhileItStepsAndIdlePowerWhileItsUserThinks() throws Exception {
        Map<String, Double> v = run("""
                name: energy
                prices: {r: {usd_per_hour: 3600}}
                workload: {source: closed, users: 1, requests: 2, prompt_tokens: 64, output_tokens: 8, think_time_s: 0.5}
                systems:
                  - kind: roofline
                    name: r
                    model: llama-3.1-8b
                    busy_watts: 500W
                    idle_watts: 100W
                """);
        // one user: steps run back to back from the first arrival, except while the user thinks between requests
        double span = v.get("span");
        double busy = span - 0.5;
        assertTrue(busy > 0, "span " + span);
        double expected = (500 * busy + 100 * 0.5) / 16;
        assertEquals(expected, v.get("r/joules_per_output_token"), 1e-9 * expected);
        // $3600 an hour is a dollar a second
        assertEquals(span / 16 * 1e6, v.get("r/cost_per_million_output_tokens"), 1e-9 * span / 16 * 1e6);
    }

    @Test
    void capitalCostIsWrittenOffOverItsYearsAndAddsTheMeteredElectricity() throws Exception {
        Map<String, Double> v = run("""
                name: capex
                prices: {r: {capital_usd: 876600, amortization_years: 10, usd_per_kwh: 0.36}}
                workload: {source: closed, users: 1, requests: 1, prompt_tokens: 64, output_tokens: 8}
                systems:
                  - kind: roofline
                    name: r
                    model: llama-3.1-8b
                    busy_watts: 1000W
                    idle_watts: 0W
                """);
        double span = v.get("span");
        // $876,600 over 87,660 hours is $10 an hour; 1 kW busy for the whole span at $0.36 per kWh
        double usd = 10 * span / 3600 + 1000 * span / 3.6e6 * 0.36;
        assertEquals(usd / 8 * 1e6, v.get("r/cost_per_million_output_tokens"), 1e-9 * usd / 8 * 1e6);
        assertEquals(1000 * span / 8, v.get("r/joules_per_output_token"), 1e-9 * 1000 * span / 8);
    }

    @Test
    void aWaferDrawsItsOwnPowerAndItsHostServersForTheWholeSpan() throws Exception {
        // busy and idle power equal: the energy no longer depends on the metered busy time, only on the span
        Map<String, Double> v = run("""
                name: wafer-energy
                workload: {source: closed, users: 2, requests: 2, prompt_tokens: 64, output_tokens: 8}
                systems:
                  - kind: wafer
                    name: w
                    model: llama-3.1-8b
                    wafer: {base: wse3, busy_watts: 20kW, idle_watts: 20kW, host_watts: 5kW}
                """);
        double expected = (20e3 + 5e3) * v.get("span") / 16;
        assertEquals(expected, v.get("w/joules_per_output_token"), 1e-9 * expected);
    }

    @Test
    void gpusAndTheirShareOfTheNodeDrawForTheWholeSpanWhenBusyAndIdlePowerAgree() throws Exception {
        Map<String, Double> v = run("""
                name: gpu-energy
                workload: {source: closed, users: 2, requests: 2, prompt_tokens: 64, output_tokens: 8}
                systems:
                  - kind: gpu
                    name: g
                    model: llama-3.1-8b
                    gpu: {base: h100, busy_watts: 600W, idle_watts: 600W, node_watts: 4000W}
                    tensor_parallel: 2
                """);
        // two GPUs and a quarter of an 8-GPU node
        double expected = (2 * 600 + 0.25 * 4000) * v.get("span") / 16;
        assertEquals(expected, v.get("g/joules_per_output_token"), 1e-9 * expected);
    }

    @Test
    void aSystemWithoutAPriceIsPricedFromItsHardwarePerChip() throws Exception {
        Map<String, Double> v = run("""
                name: rented
                workload: {source: closed, users: 2, requests: 2, prompt_tokens: 64, output_tokens: 8}
                systems:
                  - kind: roofline
                    name: r
                    model: llama-3.1-8b
                    replicas: 3
                    usd_per_hour: 1200
                """);
        // three accelerators at $1,200 an hour: a dollar a second
        double span = v.get("span");
        assertEquals(span / 16 * 1e6, v.get("r/cost_per_million_output_tokens"), 1e-9 * span / 16 * 1e6);
        String json = Files.readString(tmp.resolve("out").resolve("summary.json"));
        assertTrue(json.contains("\"usd_per_hour\" : 3600.0") && json.contains("hardware usd_per_hour x 3 chip(s)"),
                json);
    }

    @Test
    void aGpuSystemPaysItsCatalogRentalForEveryGpuItsParallelismOccupies() throws Exception {
        Path f = tmp.resolve("g.yaml");
        Files.writeString(f, """
                name: gpus
                workload: {source: closed, users: 1, requests: 1, prompt_tokens: 64, output_tokens: 8}
                systems:
                  - {kind: gpu, name: g, model: llama-3.1-8b, gpu: b200, tensor_parallel: 2, data_parallel: 2}
                """);
        Path out = tmp.resolve("gout");
        CliTestSupport.Result r = CliTestSupport.run("run", f.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        double perGpu = org.fabricsim.fabric.catalog.HardwareCatalog.builtIn().usdPerHour("gpus", "b200");
        String json = Files.readString(out.resolve("summary.json"));
        assertTrue(json.contains("\"usd_per_hour\" : " + 4 * perGpu) && json.contains("x 4 chip(s)"), json);
    }

    @Test
    void aPriceForNoSystemAndAHalfGivenCapitalCostAreRefused() throws Exception {
        Path f = tmp.resolve("bad.yaml");
        String base = """
                name: bad
                prices: %s
                workload: {source: closed, requests: 1, prompt_tokens: 64, output_tokens: 8}
                systems:
                  - kind: roofline
                    name: r
                    model: llama-3.1-8b
                """;
        Files.writeString(f, base.formatted("{q: {usd_per_hour: 2}}"));
        CliTestSupport.Result r = CliTestSupport.run("validate", f.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("prices: 'q' names no system"), r.err());
        Files.writeString(f, base.formatted("{r: {capital_usd: 1000}}"));
        r = CliTestSupport.run("validate", f.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("give all three"), r.err());
    }
}
