package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * The generated fuzz carried through the simulation: a seeded sample of mutated scenarios goes through {@code run}
 * and of mutated sweep files through {@code sweep}, each into a fresh {@code --out}. Bases are cheap (a roofline, a
 * small dense model on GPUs and an analytic wafer, tiny traces) and carry 2-4 requests, so a run costs a fraction of a
 * second. Each input must exit 0 (its output directory complete, with its marker) or 2 (one line naming the file, no
 * output directory, no {@code .partial-*} or lock left beside it, except a sweep's finished points when a later one is
 * cut short by stop_time_s); exit 1 is for disk faults, and there are none here.
 * The input files are unchanged afterwards. {@code -Dfabricsim.fuzz.count} scales the sample (a 50th of it runs).
 */
class RunAndSweepFuzzTest {
    private static final long SEED = 20261203L;
    private static final int RUNS = Math.max(20, Integer.getInteger("fabricsim.fuzz.count", 10_000) / 50);
    private static final int SWEEPS = Math.max(6, RUNS / 5);
    /** A mutated input is run only when it stays this cheap; beyond it, validate covers it. */
    private static final int MAX_REQUESTS = 8;
    private static final int MAX_OUTPUT_TOKENS = 512;
    private static final int MAX_POINTS = 4;

    @TempDir
    Path tmp;

    private final FuzzMutator mutator = new FuzzMutator();

    @Test
    void mutatedScenariosAndSweeps_runToCompletionOrAreRefusedLeavingNothing() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        FuzzMutator.copy(Path.of("..", "scenarios", "models"), in.resolve("models"));
        writeTraces(in);
        SplittableRandom random = new SplittableRandom(SEED);
        List<Path> runBases = new ArrayList<>();
        for (String name : new String[] {"quickstart", "llama-3.1-8b-h100", "hardware-what-if", "trace-sharegpt-poisson",
            "trace-azure-conv", "trace-mooncake", "llama-3.1-70b-h100x8", "qwen3-30b-a3b-wafer-vs-gpu"}) {
            runBases.add(small(Path.of("..", "scenarios", name + ".yaml"), in.resolve(name + ".yaml"), random));
        }
        small(Path.of("..", "scenarios", "quickstart.yaml"), in.resolve("quickstart.yaml"), random);
        List<Path> sweepBases = new ArrayList<>();
        for (String name : new String[] {"quickstart-load", "hbm-bandwidth", "mesh-link-width"}) {
            sweepBases.add(smallSweep(Path.of("..", "scenarios", "sweeps", name + ".yaml"),
                    in.resolve("sweep-" + name + ".yaml"), random));
        }
        Map<Path, String> before = contents(in);

        var cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Map<String, Integer> exits = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int skipped = 0;
        long start = System.nanoTime();
        for (int i = 0; i < RUNS + SWEEPS; i++) {
            boolean sweep = i >= RUNS;
            List<Path> bases = sweep ? sweepBases : runBases;
            Path base = bases.get(i < bases.size() ? i : random.nextInt(bases.size()));
            JsonNode tree = mutator.yaml.readTree(base.toFile());
            // half hostile edits, half plausible ones that reach the simulation
            String text = random.nextBoolean() ? mutator.mutate(Files.readString(base), tree, random)
                    : mutator.nudge(tree, random);
            if (tooExpensive(text, in)) {
                skipped++;
                continue;
            }
            Path f = in.resolve("fuzz-" + i + ".yaml");
            Files.writeString(f, text);
            Path parent = Files.createDirectory(tmp.resolve("o" + i));
            Path target = parent.resolve("out");
            List<String> args = new ArrayList<>(List.of(sweep ? "sweep" : "run", f.toString(), "--out", target.toString(),
                    "-q"));
            if (!sweep && random.nextInt(4) == 0) {
                args.addAll(List.of("--trace-requests", "0,1"));
            }
            if (!sweep && random.nextInt(4) == 0) {
                args.addAll(List.of("--seed", Long.toString(random.nextLong(1, 1_000_000))));
            }
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            CliTestSupport.Result r;
            try {
                r = new CliTestSupport.Result(cl.execute(args.toArray(String[]::new)), out.toString(), err.toString());
            } catch (Throwable t) {
                r = new CliTestSupport.Result(-1, "", "uncaught " + t);
            }
            exits.merge(args.get(0) + " " + r.exit(), 1, Integer::sum);
            String why = check(r, f, base, parent, sweep);
            if (why != null && failures.size() < 20) {
                failures.add("input " + i + " (" + String.join(" ", args) + ", from " + base.getFileName() + "): " + why
                        + "\n--- stderr:\n" + r.err() + "--- input:\n" + text + "\n");
            }
            Files.delete(f);
            delete(parent);
        }
        System.out.printf("RunAndSweepFuzzTest: %d mutated scenarios through 'fabricsim run' and %d sweeps through"
                + " 'fabricsim sweep' (%d too costly to run, left to validate) in %.1f s; exit codes %s; seed %d%n",
                RUNS, SWEEPS, skipped, (System.nanoTime() - start) / 1e9, exits, SEED);
        assertTrue(failures.isEmpty(), failures.size() + "+ inputs misbehaved:\n" + String.join("\n", failures));
        assertEquals(before, contents(in), "an input file changed");
    }

    /** Why a result breaks the contract, or null. */
    private static String check(CliTestSupport.Result r, Path file, Path base, Path parent, boolean sweep)
            throws IOException {
        if (r.err().contains("\tat ") || r.err().contains("Exception") || r.err().contains("internal error")) {
            return "a Java exception on stderr";
        }
        List<String> left;
        try (Stream<Path> s = Files.list(parent)) {
            left = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (r.exit() == 0) {
            if (!left.equals(List.of("out")) || !Files.isRegularFile(parent.resolve("out/.fabricsim-output"))) {
                return "exit 0 but the output is not one marked directory: " + left;
            }
            return null;
        }
        if (r.exit() != 2) {
            return "exit " + r.exit();
        }
        String err = r.err().strip();
        if (err.contains("\n")) {
            return "the refusal is not one line";
        }
        if (!err.contains(file.getFileName().toString()) && !err.contains(base.getFileName().toString())
                && !err.contains("quickstart.yaml")) {
            return "the refusal does not name the file";
        }
        // a sweep point cut short by stop_time_s is found while simulating: the points before it keep their directories
        boolean cutShort = sweep && err.contains(": stop_time_s: ") && err.contains("did not complete");
        if (!left.isEmpty() && !(cutShort && left.equals(List.of("out"))
                && Files.isRegularFile(parent.resolve("out/.fabricsim-output")))) {
            return "a refused input left " + left;
        }
        return null;
    }

    /**
     * Whether a mutated input would simulate more than a moment if it were accepted (many requests, long outputs,
     * many points, a default of 100 requests): such an input is validate's, not run's. Unparseable text is cheap.
     */
    private boolean tooExpensive(String text, Path dir) {
        JsonNode tree;
        try {
            tree = mutator.yaml.readTree(text);
        } catch (IOException e) {
            return false;
        }
        if (tree == null || !tree.isObject()) {
            return false;
        }
        if (tree.has("axes")) {
            long points = 1;
            for (JsonNode axis : tree.path("axes")) {
                points *= Math.max(1, axis.path("values").size());
                if (axis.path("path").asText().matches(".*(requests|users|output_tokens|replications).*")) {
                    return true;
                }
            }
            if (points > MAX_POINTS || tree.path("replications").asDouble(1) > 1) {
                return true;
            }
            JsonNode base = tree.get("base");
            if (base != null && base.isTextual()) {
                try {
                    base = mutator.yaml.readTree(dir.resolve(base.asText()).toFile());
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }
            return base != null && expensiveScenario(base);
        }
        return expensiveScenario(tree);
    }

    private static boolean expensiveScenario(JsonNode s) {
        JsonNode w = s.path("workload");
        boolean trace = w.has("trace") || w.path("source").asText().equals("trace");
        if (w.isObject() && !trace && !w.has("requests")) {
            return true; // the default is 100 requests
        }
        return big(s, "requests", MAX_REQUESTS) || big(s, "max_requests", MAX_REQUESTS) || big(s, "users", MAX_REQUESTS)
                || big(s, "replications", 1) || big(s, "output_tokens", MAX_OUTPUT_TOKENS)
                || big(s, "batch_limit", 4096) || s.path("systems").size() > 4;
    }

    /** Whether a numeric field of this name anywhere in the tree exceeds the limit (text fields are the loader's). */
    private static boolean big(JsonNode n, String key, double limit) {
        if (n.isObject()) {
            JsonNode v = n.get(key);
            if (v != null && v.isNumber() && v.asDouble() > limit) {
                return true;
            }
        }
        for (JsonNode child : n) {
            if (big(child, key, limit)) {
                return true;
            }
        }
        return false;
    }

    /** A shipped scenario shrunk to 2-4 requests (a trace scenario to the tiny traces beside it), one replication. */
    private Path small(Path shipped, Path to, SplittableRandom random) throws IOException {
        ObjectNode tree = (ObjectNode) mutator.yaml.readTree(shipped.toFile());
        tree.remove("replications");
        ObjectNode w = (ObjectNode) tree.get("workload");
        int requests = 2 + random.nextInt(3);
        if (w.has("trace")) {
            ObjectNode trace = (ObjectNode) w.get("trace");
            trace.put("path", trace.path("format").asText() + ".trace");
            if (w.has("max_requests")) {
                w.put("max_requests", requests);
            }
            if (w.has("requests")) {
                w.put("requests", requests);
            }
        } else {
            w.put("requests", requests);
            if (w.has("users")) {
                w.put("users", Math.min(w.get("users").asInt(), 2));
            }
        }
        Files.writeString(to, mutator.yaml.writeValueAsString(tree));
        return to;
    }

    /** A shipped sweep with one replication, at most two values per axis and a base of 2-4 requests. */
    private Path smallSweep(Path shipped, Path to, SplittableRandom random) throws IOException {
        ObjectNode tree = (ObjectNode) mutator.yaml.readTree(shipped.toFile());
        tree.put("replications", 1);
        for (JsonNode axis : tree.get("axes")) {
            ArrayNode values = (ArrayNode) axis.get("values");
            while (values.size() > 2) {
                values.remove(values.size() - 1);
            }
        }
        JsonNode base = tree.get("base");
        if (base.isObject()) {
            ObjectNode w = (ObjectNode) base.get("workload");
            w.put("requests", 2 + random.nextInt(3));
            if (w.has("users")) {
                w.put("users", Math.min(w.get("users").asInt(), 2));
            }
        } else {
            tree.put("base", Path.of(base.asText()).getFileName().toString()); // the small copy beside it
        }
        Files.writeString(to, mutator.yaml.writeValueAsString(tree));
        return to;
    }

    /** A few rows of each trace format, named as {@link #small} points the trace scenarios at them. */
    private static void writeTraces(Path dir) throws IOException {
        Files.writeString(dir.resolve("sharegpt.trace"), """
                num_prefill_tokens,num_decode_tokens,num_total_tokens,pd_ratio
                74,18,92,4.1
                290,9,299,32.2
                120,4,124,30
                64,7,71,9.1
                """);
        Files.writeString(dir.resolve("azure.trace"), """
                TIMESTAMP,ContextTokens,GeneratedTokens
                2023-11-16 18:15:46.6805900,374,4
                2023-11-16 18:15:50.9951690,396,10
                2023-11-16 18:15:51.2000000,120,3
                """);
        Files.writeString(dir.resolve("mooncake.trace"), """
                {"timestamp": 0, "input_length": 675, "output_length": 5, "hash_ids": [0, 1]}
                {"timestamp": 0, "input_length": 732, "output_length": 4, "hash_ids": [0, 14]}
                {"timestamp": 3000, "input_length": 210, "output_length": 3, "hash_ids": [2]}
                """);
    }

    private static Map<Path, String> contents(Path dir) throws IOException {
        Map<Path, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p), Files.readString(p));
            }
        }
        return m;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
