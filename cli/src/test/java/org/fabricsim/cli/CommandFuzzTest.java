package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated fuzz through the command entry point: every shipped scenario, NoC config and sweep file is mutated
 * (keys deleted, types swapped, extreme numbers, wrong units, unknown keys, truncation) and checked with
 * {@code fabricsim validate}. Each input must exit 0 or 2, never 1, with no stack trace; a refusal is one line naming
 * the file. Seeded: the same inputs every run. {@code -Dfabricsim.fuzz.count=100000} runs more.
 */
class CommandFuzzTest {
    private static final long SEED = 20261202L;
    private static final int COUNT = Integer.getInteger("fabricsim.fuzz.count", 10_000);
    @TempDir
    Path tmp;

    private final FuzzMutator mutator = new FuzzMutator();
    private final ObjectMapper yaml = mutator.yaml;

    @Test
    void mutatedShippedFiles_areAcceptedOrRefusedCleanlyByValidate() throws IOException {
        Path root = tmp.resolve("checkout");
        FuzzMutator.copy(Path.of("..", "scenarios"), root.resolve("scenarios"));
        Path shared = Path.of("..", "..", "shared").toAbsolutePath().normalize();
        if (Files.isDirectory(shared)) {
            Files.createSymbolicLink(tmp.resolve("shared"), shared); // trace paths are ../../shared/... of a scenario
        }
        List<Path> originals;
        try (Stream<Path> s = Files.walk(root.resolve("scenarios"))) {
            originals = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<String> texts = new ArrayList<>();
        List<JsonNode> trees = new ArrayList<>();
        double[] cumulative = new double[originals.size()];
        double total = 0;
        for (Path p : originals) {
            texts.add(Files.readString(p));
            trees.add(yaml.readTree(p.toFile()));
            double cost = cost(p, trees.get(trees.size() - 1));
            total += 1.0 / (cost * cost);
            cumulative[trees.size() - 1] = total;
        }
        SplittableRandom random = new SplittableRandom(SEED);
        Map<Integer, Integer> exits = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        // one command line for every input, as picocli resets options per parse: building one costs more than validating
        var cl = Main.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        Map<String, Long> nanos = new TreeMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < COUNT; i++) {
            // every file in turn first, then drawn by weight
            int which = i < originals.size() ? i : pick(cumulative, random.nextDouble() * total);
            Path original = originals.get(which);
            String text = mutator.mutate(texts.get(which), trees.get(which), random);
            Path f = original.resolveSibling("fuzz-" + i + ".yaml");
            Files.writeString(f, text);
            CliTestSupport.Result r;
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            long t0 = System.nanoTime();
            try {
                int exit = cl.execute("validate", f.toString());
                r = new CliTestSupport.Result(exit, out.toString(), err.toString());
            } catch (Throwable t) {
                r = new CliTestSupport.Result(-1, "", "uncaught " + t);
            } finally {
                Files.delete(f);
            }
            nanos.merge(root.relativize(original).toString(), System.nanoTime() - t0, Long::sum);
            exits.merge(r.exit(), 1, Integer::sum);
            String why = check(r, f);
            if (why != null && failures.size() < 25) {
                failures.add("input " + i + " (from " + root.relativize(original) + "): " + why + "\n--- stderr:\n"
                        + r.err() + "--- input:\n" + text + "\n");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("CommandFuzzTest: %d hostile inputs through 'fabricsim validate' from %d shipped files in %.1f s;"
                + " exit codes %s; seed %d%n", COUNT, originals.size(), seconds, exits, SEED);
        if (Boolean.getBoolean("fabricsim.fuzz.timing")) {
            nanos.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder())).limit(12)
                    .forEach(e -> System.out.printf("  %8.1f s %s%n", e.getValue() / 1e9, e.getKey()));
        }
        assertTrue(failures.isEmpty(), failures.size() + "+ inputs misbehaved:\n" + String.join("\n", failures));
    }

    /**
     * A fixed estimate of what validating a file costs, in units of a small scenario: deploying a system on a wafer
     * packs its placement (~30 units), a trace is read whole, and a sweep deploys each point. Files are drawn in inverse proportion to its square,
     * so that every file is mutated and 10,000 inputs stay within the suite's time.
     */
    private double cost(Path file, JsonNode tree) throws IOException {
        double points = 1;
        JsonNode scenario = tree;
        if (tree.has("base") && tree.has("axes")) {
            for (JsonNode axis : tree.get("axes")) {
                points *= Math.max(1, axis.path("values").size());
            }
            JsonNode base = tree.get("base");
            scenario = base.isTextual() ? yaml.readTree(file.resolveSibling(base.asText()).toFile()) : base;
        }
        int wafers = 0;
        for (JsonNode system : scenario.path("systems")) {
            wafers += system.path("kind").asText().equals("wafer") ? 1 : 0;
        }
        // a trace is read whole (~10 units)
        return points * (1 + 30 * wafers + (scenario.path("workload").has("trace") ? 10 : 0));
    }

    private static int pick(double[] cumulative, double x) {
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** Why a result breaks the contract, or null. */
    private static String check(CliTestSupport.Result r, Path file) {
        if (r.exit() != 0 && r.exit() != 2) {
            return "exit " + r.exit();
        }
        if (r.err().contains("\tat ") || r.err().contains("Exception") || r.err().contains("internal error")) {
            return "a Java exception on stderr";
        }
        if (r.exit() == 2) {
            String err = r.err().strip();
            if (!err.contains(file.getFileName().toString())) {
                return "the refusal does not name the file";
            }
            if (err.contains("\n")) {
                return "the refusal is not one line";
            }
        }
        return null;
    }

}
