package org.fabricsim.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.fabricsim.cli.Scenario;
import org.fabricsim.cli.ScenarioException;
import org.fabricsim.cli.ScenarioLoader;
import org.fabricsim.cli.SystemKinds;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * A scenario with some keys changed (request count, users, one system kept, a system's field), made by
 * editing the scenario's resolved YAML and loading it back with {@link ScenarioLoader}: the variant is
 * validated exactly like a scenario file, and no system kind's constructor is called here, so the
 * variants keep working while a kind's record gains or loses fields. The resolved YAML holds every default
 * already worked out, so a change to a key that another key's default derives from (a GPU system's
 * data_parallel and its nodes) must set that key back to null as well.
 */
public final class ScenarioVariant {
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Scenario base;
    private final ObjectNode tree;
    private final List<String> changes = new ArrayList<>();

    private ScenarioVariant(Scenario base, ObjectNode tree) {
        this.base = base;
        this.tree = tree;
    }

    /** Starts a variant of {@code base}, so far unchanged. */
    public static ScenarioVariant of(Scenario base) throws ScenarioException {
        try {
            return new ScenarioVariant(base, (ObjectNode) YAML.readTree(ScenarioLoader.resolvedYaml(base)));
        } catch (IOException e) {
            throw new ScenarioException("scenario " + base.name() + ": cannot re-read its resolved YAML: " + e.getMessage(), e);
        }
    }

    /** The first system of {@code kind} (e.g. "wafer", "gpu") in {@code s}, or null if it has none. */
    public static SystemConfig firstSystemOfKind(Scenario s, String kind) {
        SystemKinds.Kind k = SystemKinds.all().get(kind);
        if (k == null) {
            throw new IllegalArgumentException("kind: unknown, got '" + kind + "'; kinds: " + SystemKinds.all().keySet());
        }
        for (SystemConfig c : s.systems()) {
            if (k.config().isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    /** The workload's request count. */
    public ScenarioVariant requests(int requests) {
        return workload("requests", requests);
    }

    /** The closed-loop workload's concurrent users. */
    public ScenarioVariant users(int users) {
        return workload("users", users);
    }

    private ScenarioVariant workload(String key, int value) {
        ((ObjectNode) tree.get("workload")).put(key, value);
        changes.add("workload." + key + "=" + value);
        return this;
    }

    /** Keeps only the system named {@code system} (its seeds do not change: they derive from its name). */
    public ScenarioVariant onlySystem(String system) throws ScenarioException {
        JsonNode kept = system(system);
        ArrayNode systems = (ArrayNode) tree.get("systems");
        systems.removeAll();
        systems.add(kept);
        changes.add("only system " + system);
        return this;
    }

    /** Sets the key {@code field} (snake_case, as in the scenario file) of the system named {@code system}. */
    public ScenarioVariant systemField(String system, String field, Object value) throws ScenarioException {
        ObjectNode node = system(system);
        if (!node.has(field)) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            throw new ScenarioException("scenario " + base.name() + ": system " + system + " has no key '" + field
                    + "'; keys: " + String.join(", ", keys));
        }
        node.set(field, YAML.valueToTree(value));
        changes.add("systems[" + system + "]." + field + "=" + value);
        return this;
    }

    private ObjectNode system(String name) throws ScenarioException {
        List<String> names = new ArrayList<>();
        for (Iterator<JsonNode> it = tree.get("systems").elements(); it.hasNext();) {
            JsonNode s = it.next();
            if (s.path("name").asText().equals(name)) {
                return (ObjectNode) s;
            }
            names.add(s.path("name").asText());
        }
        throw new ScenarioException("scenario " + base.name() + ": no system named '" + name + "'; systems: "
                + String.join(", ", names));
    }

    /** What was changed, e.g. {@code workload.requests=1000, systems[wse3].wafers=30}. */
    public String changes() {
        return changes.isEmpty() ? "no changes" : String.join(", ", changes);
    }

    /** The changed scenario, validated as a scenario file is; errors name the scenario and the changes. */
    public Scenario build() throws ScenarioException {
        Path file = null;
        try {
            file = Files.createTempFile("fabricsim-bench-" + base.name() + "-", ".yaml");
            Files.writeString(file, YAML.writeValueAsString(tree), StandardCharsets.UTF_8);
            return ScenarioLoader.load(file);
        } catch (ScenarioException e) {
            throw new ScenarioException(e.getMessage().replace(String.valueOf(file),
                    "scenario " + base.name() + " with " + changes()), e);
        } catch (IOException e) {
            throw new ScenarioException("scenario " + base.name() + " with " + changes() + ": cannot write it to a"
                    + " temporary file: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    file.toFile().deleteOnExit();
                }
            }
        }
    }
}
