package org.fabricsim.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fabricsim compare}: the side-by-side table of a run's systems, from its summary.csv. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Print the systems of a run side by side: median and p99 of the gap between emissions, TTFT,",
            "inter-token latency and output tokens/s per user, aggregate throughput, and each system's speed relative to the first."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "OUTDIR", description = "a run's output directory (holding summary.csv)")
    Path dir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path file = dir.resolve("summary.csv");
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(file + ": no such file (is " + dir + " a fabricsim run directory?)");
        }
        Map<String, Map<String, Double>> bySystem = read(file);
        PrintWriter o = spec.commandLine().getOut();
        Table table = new Table(Table.Col.left("system", 22), Table.Col.right("gap p50 ms", 10),
                Table.Col.right("gap p99 ms", 10), Table.Col.right("TTFT p50 ms", 11), Table.Col.right("TTFT p99 ms", 11),
                Table.Col.right("ITL p50 ms", 10), Table.Col.right("ITL p99 ms", 10), Table.Col.right("tok/s/user", 11),
                Table.Col.right("tok/s p99*", 11), Table.Col.right("throughput", 12), Table.Col.right("x first", 9));
        Double first = null;
        for (var e : bySystem.entrySet()) {
            Map<String, Double> v = e.getValue();
            double speed = v.getOrDefault("output_tokens_per_s/p50", Double.NaN);
            if (first == null) {
                first = speed;
            }
            table.row(e.getKey(), Table.fixed(2, ms(v, "emission_gap_s/p50")), Table.fixed(2, ms(v, "emission_gap_s/p99")),
                    Table.fixed(1, ms(v, "ttft_s/p50")), Table.fixed(1, ms(v, "ttft_s/p99")),
                    Table.fixed(2, ms(v, "itl_s/p50")), Table.fixed(2, ms(v, "itl_s/p99")), Table.fixed(1, speed),
                    Table.fixed(1, slowTail(v)), Table.fixed(1, v.getOrDefault("throughput_tokens_per_s/mean", Double.NaN)),
                    Table.fixed(2, speed / first));
        }
        o.print(table.render());
        o.println("gap = time between a request's emissions (what a streaming client sees; ITL counts tokens emitted"
                + " together as 0)");
        o.println("tok/s/user = median output_tokens_per_s (1 / TPOT); tok/s p99* = 1 / p99 of TPOT (the slowest 1%);"
                + " throughput = all output tokens / run span; x first = tok/s/user relative to the first system");
        economics(o, bySystem);
        o.flush();
        return Main.EXIT_OK;
    }

    /** Goodput, energy and cost per token side by side, each with its ratio to the first system's. */
    private static void economics(PrintWriter o, Map<String, Map<String, Double>> bySystem) {
        String[] keys = {"goodput_requests_per_s/mean", "joules_per_output_token/mean",
            "cost_per_million_output_tokens/mean"};
        Table table = new Table(Table.Col.left("system", 22), Table.Col.right("goodput r/s", 12),
                Table.Col.right("x first", 9), Table.Col.right("J/token", 12), Table.Col.right("x first", 9),
                Table.Col.right("USD/Mtoken", 14), Table.Col.right("x first", 9));
        Map<String, Double> first = bySystem.isEmpty() ? Map.of() : bySystem.values().iterator().next();
        for (var e : bySystem.entrySet()) {
            String[] row = new String[1 + 2 * keys.length];
            row[0] = e.getKey();
            for (int i = 0; i < keys.length; i++) {
                double v = e.getValue().getOrDefault(keys[i], Double.NaN);
                row[1 + 2 * i] = number(v, 4);
                row[2 + 2 * i] = number(v / first.getOrDefault(keys[i], Double.NaN), 2);
            }
            table.row(row);
        }
        o.println();
        o.print(table.render());
        o.println("goodput = requests meeting the scenario's slo per second (- without an slo); J/token = metered energy per"
                + " output token; USD/Mtoken = at the scenario's prices or the hardware's rental rate (- for neither); docs/economics.md");
    }

    private static String number(double v, int digits) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(java.util.Locale.ROOT, "%." + digits + "g", v);
    }

    private static double ms(Map<String, Double> v, String key) {
        return v.getOrDefault(key, Double.NaN) * 1e3;
    }

    private static double slowTail(Map<String, Double> v) {
        return 1 / v.getOrDefault("tpot_s/p99", Double.NaN);
    }

    private static Map<String, Map<String, Double>> read(Path file) throws IOException, ScenarioException {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class).with(schema)
                .readValues(file.toFile())) {
            int line = 1;
            while (it.hasNext()) {
                line++;
                Map<String, String> row = it.next();
                String system = row.get("system");
                String metric = row.get("metric");
                String stat = row.get("stat");
                String value = row.get("value");
                if (system == null || metric == null || stat == null || value == null) {
                    throw new ScenarioException(file + ":" + line + ": expected columns system,metric,stat,value,unit");
                }
                try {
                    out.computeIfAbsent(system, s -> new LinkedHashMap<>()).put(metric + "/" + stat, Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    throw new ScenarioException(file + ":" + line + ": value '" + value + "' is not a number");
                }
            }
        } catch (RuntimeJsonMappingException e) {
            throw new ScenarioException(file + ": malformed CSV: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new ScenarioException(file + ": no rows");
        }
        return out;
    }
}
