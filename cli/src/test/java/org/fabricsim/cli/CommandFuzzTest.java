package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
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
    /** Raw YAML tokens put where a value was: extremes, Java number syntax, wrong units, YAML oddities. */
    private static final String[] RAW = {"0", "-1", "1e308", "-1e308", "1e999", ".nan", "NaN", ".inf", "-.inf", "1e-320",
        "-0.0", "9223372036854775807", "9223372036854775808", "2147483648", "-2147483649", "1e19", "10.5", "0.5", "3",
        "1000000000", "0x1p40", "3.35e12f", "'1e3'", "0x10", "1_000", "~", "null", "[]", "{}", "[1, 2]", "{a: 1}", "true",
        "''", "'5GHz'", "'400Gbps'", "'3us'", "'12KiB'", "'1.5TFLOP/s'", "'7parsecs'", "'80GB'", "'16.1GB'", "'-5GB'",
        "'1e308TB/s'", "'NaNGHz'", "'2 us'", "'auto'", "'kimi-k2.6'", "'llama-3.1-8b'", "'wse3'", "'h100'", "'zipf'",
        "!!binary AAAA", "&x 1", "*x", "'\\u0000'", "'..'", "'/dev/zero'", "'/'"};
    private static final String[] KEYS = {"bogus_key", "batch_limt", "kind", "name", "model", "systems", "workload",
        "serving", "base", "axes", "mesh", "hop_cycles", "replicas", "exponent", "prompt_tokens", "requests", "values",
        "path", "stop_time_s", "seed"};

    @TempDir
    Path tmp;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    @Test
    void mutatedShippedFiles_areAcceptedOrRefusedCleanlyByValidate() throws IOException {
        Path root = tmp.resolve("checkout");
        copy(Path.of("..", "scenarios"), root.resolve("scenarios"));
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
            String text = mutate(texts.get(which), trees.get(which), random);
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

    /** One to three edits of a file: on its tree (most), or on its text (truncation, a line dropped or doubled). */
    private String mutate(String text, JsonNode original, SplittableRandom random) throws IOException {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return text.substring(0, random.nextInt(text.length() + 1));
        }
        if (kind == 1) {
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            int at = random.nextInt(lines.size());
            if (random.nextBoolean()) {
                lines.remove(at);
            } else {
                lines.add(at, lines.get(at));
            }
            return String.join("\n", lines);
        }
        JsonNode tree = original.deepCopy();
        List<String> raw = new ArrayList<>();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            List<JsonNode[]> slots = new ArrayList<>(); // {parent, key as text node or index}
            collect(tree, slots);
            if (slots.isEmpty()) {
                break;
            }
            JsonNode[] slot = slots.get(random.nextInt(slots.size()));
            JsonNode parent = slot[0];
            int op = random.nextInt(6);
            JsonNode value = switch (op) {
                case 0 -> null; // delete
                case 1 -> JsonNodeFactory.instance.textNode(placeholder(raw, RAW[random.nextInt(RAW.length)]));
                case 2 -> swapType(get(parent, slot[1]), random);
                case 3 -> JsonNodeFactory.instance.numberNode(new double[] {0, -1, 1e308, 1e15, 4.5, 1e-9}[random.nextInt(6)]);
                default -> get(parent, slot[1]);
            };
            if (op >= 4 && parent instanceof ObjectNode o) {
                // an unknown or misplaced key beside the chosen one
                o.set(KEYS[random.nextInt(KEYS.length)], JsonNodeFactory.instance.textNode(
                        placeholder(raw, RAW[random.nextInt(RAW.length)])));
                continue;
            }
            set(parent, slot[1], value);
        }
        String out = yaml.writeValueAsString(tree);
        for (int i = 0; i < raw.size(); i++) {
            String p = "__RAW" + i + "__";
            out = out.replace("\"" + p + "\"", raw.get(i)).replace("'" + p + "'", raw.get(i)).replace(p, raw.get(i));
        }
        return out;
    }

    private static String placeholder(List<String> raw, String token) {
        raw.add(token);
        return "__RAW" + (raw.size() - 1) + "__";
    }

    private static JsonNode swapType(JsonNode v, SplittableRandom random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null || v.isContainerNode()) {
            return random.nextBoolean() ? f.textNode("x") : f.numberNode(1);
        }
        if (v.isNumber()) {
            return random.nextBoolean() ? f.textNode(v.asText()) : f.arrayNode().add(v);
        }
        if (v.isTextual()) {
            return random.nextBoolean() ? f.numberNode(v.asText().length()) : f.objectNode().put(v.asText(), 1);
        }
        return f.textNode(v.asText());
    }

    private static void collect(JsonNode n, List<JsonNode[]> slots) {
        if (n instanceof ObjectNode o) {
            o.fieldNames().forEachRemaining(k -> {
                slots.add(new JsonNode[] {o, JsonNodeFactory.instance.textNode(k)});
                collect(o.get(k), slots);
            });
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new JsonNode[] {a, JsonNodeFactory.instance.numberNode(i)});
                collect(a.get(i), slots);
            }
        }
    }

    private static JsonNode get(JsonNode parent, JsonNode key) {
        return key.isTextual() ? parent.get(key.asText()) : parent.get(key.asInt());
    }

    private static void set(JsonNode parent, JsonNode key, JsonNode value) {
        if (parent instanceof ObjectNode o) {
            if (value == null) {
                o.remove(key.asText());
            } else {
                o.set(key.asText(), value);
            }
        } else if (parent instanceof ArrayNode a) {
            if (value == null) {
                a.remove(key.asInt());
            } else {
                a.set(key.asInt(), value);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
