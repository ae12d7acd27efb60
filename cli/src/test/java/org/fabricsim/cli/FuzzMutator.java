package org.fabricsim.cli;

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
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Hostile edits of a scenario, NoC or sweep file for the command fuzz: keys deleted, types swapped, extreme numbers,
 * Java number syntax, wrong units, unknown keys, truncation, a line dropped or doubled.
 */
final class FuzzMutator {
    /** Raw YAML tokens put where a value was: extremes, Java number syntax, wrong units, YAML oddities. */
    static final String[] RAW = {"0", "-1", "1e308", "-1e308", "1e999", ".nan", "NaN", ".inf", "-.inf", "1e-320",
        "-0.0", "9223372036854775807", "9223372036854775808", "2147483648", "-2147483649", "1e19", "10.5", "0.5", "3",
        "1000000000", "0x1p40", "3.35e12f", "'1e3'", "0x10", "1_000", "~", "null", "[]", "{}", "[1, 2]", "{a: 1}", "true",
        "''", "'5GHz'", "'400Gbps'", "'3us'", "'12KiB'", "'1.5TFLOP/s'", "'7parsecs'", "'80GB'", "'16.1GB'", "'-5GB'",
        "'1e308TB/s'", "'NaNGHz'", "'2 us'", "'auto'", "'kimi-k2.6'", "'llama-3.1-8b'", "'wse3'", "'h100'", "'zipf'",
        "!!binary AAAA", "&x 1", "*x", "'\\u0000'", "'..'", "'/dev/zero'", "'/'"};
    static final String[] KEYS = {"bogus_key", "batch_limt", "kind", "name", "model", "systems", "workload",
        "serving", "base", "axes", "mesh", "hop_cycles", "replicas", "exponent", "prompt_tokens", "requests", "values",
        "path", "stop_time_s", "seed"};

    final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    /** One to three edits of a file: on its tree (most), or on its text (truncation, a line dropped or doubled). */
    String mutate(String text, JsonNode original, SplittableRandom random) throws IOException {
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

    /** Values a nudge puts where a number was, or beside a system: plausible, mostly within bounds. */
    private static final double[] FACTORS = {0.5, 2, 3, 10, 0.1};
    private static final String[] MODELS = {"llama-3.1-8b", "llama-3.1-70b", "llama-2-70b", "gpt-oss-120b"};
    private static final String[][] SYSTEM_KEYS = {{"tensor_parallel", "1", "2", "3", "4", "8", "16"},
        {"pipeline_parallel", "1", "2", "3", "4"}, {"expert_parallel", "1", "2", "4", "8", "3"},
        {"data_parallel", "1", "2", "3"}, {"replicas", "1", "2", "3"}, {"cuda_graphs", "true", "false"},
        {"gpu", "h100", "h200", "b200"}, {"fidelity", "analytic", "flow"}, {"wafers", "1", "2", "auto"},
        {"nodes", "1", "2"}, {"gpus_per_node", "4", "8"}, {"step_overhead_s", "0", "1ms", "0.5"}};
    private static final String[][] SERVING_KEYS = {{"batch_limit", "1", "2", "64", "4096"},
        {"token_budget", "1", "16", "512", "100000"}, {"chunked_prefill", "true", "false"},
        {"speculative", "{draft_tokens: 3, acceptance_rate: 0.7}", "{draft_tokens: 1, draft_layers: 2, acceptance_rate: 1}",
            "{draft_tokens: 4, accepted_length_distribution: [0.2, 0.2, 0.2, 0.2, 0.2]}",
            "{draft_model: llama-3.1-8b, draft_tokens: 2, acceptance_rate: 0.5}"},
        {"expert_popularity", "{distribution: zipf, exponent: 1.2}", "{distribution: zipf, exponent: 50}"},
        {"expert_placement", "{policy: round_robin, hot_replicas: 2}", "{policy: contiguous, hot_replicas: 0}"}};

    /**
     * One plausible edit that a validator may well accept, so that the input reaches the simulation: a number scaled
     * or set to 0 or 1, a model swapped, or a deployment or serving key added with a legal-looking value.
     */
    String nudge(JsonNode original, SplittableRandom random) throws IOException {
        JsonNode tree = original.deepCopy();
        List<String> raw = new ArrayList<>();
        List<JsonNode> systems = new ArrayList<>();
        JsonNode scenario = tree.has("base") && tree.get("base").isObject() ? tree.get("base") : tree;
        scenario.path("systems").forEach(systems::add);
        int op = random.nextInt(4);
        if (op >= 2 && !systems.isEmpty() && systems.get(random.nextInt(systems.size())) instanceof ObjectNode system) {
            boolean serving = op == 3 && system.get("serving") instanceof ObjectNode;
            String[][] table = serving ? SERVING_KEYS : SYSTEM_KEYS;
            String[] entry = table[random.nextInt(table.length)];
            ObjectNode target = serving ? (ObjectNode) system.get("serving") : system;
            target.set(entry[0], JsonNodeFactory.instance.textNode(
                    placeholder(raw, entry[1 + random.nextInt(entry.length - 1)])));
        } else {
            List<JsonNode[]> slots = new ArrayList<>();
            collect(tree, slots);
            List<JsonNode[]> leaves = slots.stream().filter(sl -> {
                JsonNode v = get(sl[0], sl[1]);
                return v != null && (v.isNumber() || (v.isTextual() && sl[1].isTextual() && sl[1].asText().equals("model")));
            }).toList();
            if (leaves.isEmpty()) {
                return yaml.writeValueAsString(tree);
            }
            JsonNode[] slot = leaves.get(random.nextInt(leaves.size()));
            JsonNode v = get(slot[0], slot[1]);
            JsonNodeFactory f = JsonNodeFactory.instance;
            JsonNode value;
            if (v.isTextual()) {
                value = f.textNode(MODELS[random.nextInt(MODELS.length)]);
            } else if (random.nextInt(4) == 0) {
                value = f.numberNode(random.nextInt(2));
            } else {
                double scaled = v.asDouble() * FACTORS[random.nextInt(FACTORS.length)];
                value = v.isIntegralNumber() ? f.numberNode(Math.max(1, Math.round(scaled))) : f.numberNode(scaled);
            }
            set(slot[0], slot[1], value);
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

    /** Copies a directory tree. */
    static void copy(Path from, Path to) throws IOException {
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
