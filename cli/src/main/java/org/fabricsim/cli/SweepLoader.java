package org.fabricsim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fabricsim.cli.sweep.SweepPlan;
import org.fabricsim.cli.sweep.SweepPoint;
import org.fabricsim.workloads.gpu.GpuSystemConfig;
import org.fabricsim.workloads.wafer.WaferSystemConfig;

/**
 * Reads a sweep file and expands it into its points: each point is the base scenario's YAML tree with
 * the point's axis values set at their paths, then bound and validated like a scenario file, so that
 * errors name the key (with a did-you-mean for misspelt ones) and the point.
 */
public final class SweepLoader {
    /** Grids larger than this are refused (a typo in a values list, not an experiment). */
    static final int MAX_POINTS = 100_000;
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[(?:\\d+|\\*)])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+|\\*)]");
    /**
     * Keys whose value may be a catalog name or a mapping with {@code base:} and changed values, with the name a
     * system takes when it leaves the key out: an axis reaches into them either way.
     */
    private static final java.util.Map<String, String> HARDWARE_KEYS = java.util.Map.of(
            "gpu", GpuSystemConfig.DEFAULT_GPU, "wafer", WaferSystemConfig.DEFAULT_WAFER,
            "calibration", GpuSystemConfig.DEFAULT_CALIBRATION, "kernels", WaferSystemConfig.DEFAULT_KERNELS);

    /** The path step of an index {@code [*]}: every element of the list. */
    private static final Object EVERY = new Object();

    private SweepLoader() {
    }

    /** Loads, expands and validates every point of a sweep file. */
    public static SweepPlan load(Path sweepFile) throws ScenarioException {
        return load(sweepFile, TracesOption.fromEnvironment());
    }

    /** As {@link #load(Path)}, a trace path that names no file looked up under {@code tracesDir} (may be null). */
    public static SweepPlan load(Path sweepFile, Path tracesDir) throws ScenarioException {
        return load(sweepFile, bindFile(sweepFile, sweepFile.toString()), tracesDir);
    }

    /**
     * As {@link #load(Path, Path)} for the sweep keys of a file that holds more (a search file's): {@code tree}
     * without the other keys, read from {@code sweepFile}, against which its paths resolve.
     */
    static SweepPlan load(Path sweepFile, JsonNode tree, Path tracesDir) throws ScenarioException {
        SweepFile f;
        try {
            f = mapper(sweepFile.toString()).treeToValue(tree, SweepFile.class);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(ScenarioLoader.describe(sweepFile.toString(), e), e);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(sweepFile + ": " + e.getMessage(), e);
        }
        return load(sweepFile, f, tracesDir);
    }

    private static SweepPlan load(Path sweepFile, SweepFile f, Path tracesDir) throws ScenarioException {
        String display = sweepFile.toString();
        ObjectNode base = baseTree(f, sweepFile, display);
        if (f.seed() != null) {
            base.set("seed", LongNode.valueOf(f.seed()));
        }
        if (f.replications() != null) {
            base.set("replications", IntNode.valueOf(f.replications()));
        }
        // a point's relative paths (trace, counts file) are relative to the base scenario's directory
        Path baseDir = f.base().isObject() ? sweepFile.toAbsolutePath().getParent()
                : sweepFile.toAbsolutePath().getParent().resolve(f.base().asText()).normalize().getParent();
        List<String> names = columnNames(f, display);
        List<List<Object>> paths = new ArrayList<>();
        List<List<List<Object>>> withPaths = new ArrayList<>();
        for (int a = 0; a < f.axes().size(); a++) {
            SweepFile.Axis axis = f.axes().get(a);
            String where = display + ": axes[" + a + "] (" + axis.path() + ")";
            List<Object> path = parsePath(axis.path(), where);
            paths.add(path);
            ObjectNode probe = base.deepCopy();
            set(probe, path, axis.values().get(0), where);
            List<List<Object>> companions = new ArrayList<>();
            for (int c = 0; c < axis.with().size(); c++) {
                SweepFile.Companion w = axis.with().get(c);
                String at = where + ".with[" + c + "] (" + w.path() + ")";
                List<Object> companion = parsePath(w.path(), at);
                companions.add(companion);
                set(probe, companion, w.values().get(0), at);
            }
            withPaths.add(companions);
            // a misspelt last key surfaces here, naming the axis
            ScenarioLoader.checkModels(where, ScenarioLoader.resolvedAgainst(bind(probe, where), baseDir, tracesDir));
        }
        long count = 1;
        for (SweepFile.Axis axis : f.axes()) {
            count *= axis.values().size();
            if (count > MAX_POINTS) {
                throw new ScenarioException(display + ": the grid has more than " + MAX_POINTS + " points");
            }
        }
        List<SweepPoint> points = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            ObjectNode tree = base.deepCopy();
            List<String> values = new ArrayList<>();
            int rest = index;
            int[] pick = new int[f.axes().size()];
            for (int a = f.axes().size() - 1; a >= 0; a--) {
                int n = f.axes().get(a).values().size();
                pick[a] = rest % n;
                rest /= n;
            }
            StringBuilder label = new StringBuilder();
            for (int a = 0; a < f.axes().size(); a++) {
                JsonNode v = f.axes().get(a).values().get(pick[a]);
                set(tree, paths.get(a), v, display);
                for (int c = 0; c < withPaths.get(a).size(); c++) {
                    set(tree, withPaths.get(a).get(c), f.axes().get(a).with().get(c).values().get(pick[a]), display);
                }
                // a scalar as its text; an object or list (e.g. an expert_popularity block) as compact JSON
                String text = v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
                Object field = paths.get(a).get(paths.get(a).size() - 1);
                if (v.isTextual() && field instanceof String key && Units.dimensionOf(key) != null) {
                    // a quantity ("9.6TB/s") goes into sweep.csv as a number in the field's unit, for plots and pandas
                    // (a bad quantity stays as written; binding the point refuses it naming the axis)
                    try {
                        text = Double.toString(Units.parse(key, text));
                    } catch (IllegalArgumentException e) {
                        // reported below
                    }
                }
                values.add(text);
                label.append(a == 0 ? "" : ", ").append(names.get(a)).append('=').append(text);
            }
            String where = display + ": point " + index + " (" + label + ")";
            Scenario s = ScenarioLoader.resolvedAgainst(bind(tree, where), baseDir, tracesDir);
            ScenarioLoader.checkModels(where, s);
            points.add(new SweepPoint(index, values, ScenarioLoader.resolvedYaml(s)));
        }
        String name = f.name() != null ? f.name() : stem(sweepFile);
        return new SweepPlan(name, names, points);
    }

    /**
     * Deploys every point of {@code points} without simulating (as {@code run} does before its first event), so that
     * a point whose weights or requests do not fit is refused before any point runs, naming the file and the point.
     */
    static void checkDeployments(String display, SweepPlan plan, List<SweepPoint> points, ScenarioRunner runner)
            throws ScenarioException {
        for (SweepPoint p : points) {
            Scenario s = bindPoint(p);
            try {
                runner.checkDeployments(s, s.seed());
            } catch (ScenarioException e) {
                String point = "point " + p.index() + " (" + label(plan, p) + "): ";
                throw new ScenarioException(where(Path.of(display), point, SourceLocations.leadingPath(e.getMessage()))
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * The start of a point's refusal: the file, line and column the refused field comes from (the sweep file's axis
     * that sets it, else the base inline in the sweep file, else the base file), and the point.
     */
    private static String where(Path sweepFile, String point, String field) {
        try {
            byte[] bytes = ScenarioLoader.readBounded(sweepFile, sweepFile.toString(), "a sweep file");
            boolean yaml = !sweepFile.toString().toLowerCase(Locale.ROOT).endsWith(".json");
            JsonNode tree = ScenarioLoader.mapper(yaml).readTree(bytes);
            SourceLocations here = SourceLocations.of(bytes, yaml);
            JsonNode axes = tree.path("axes");
            for (int a = 0; a < axes.size(); a++) {
                String axis = axes.get(a).path("path").asText();
                String pattern = Pattern.quote(axis).replace("[*]", "\\E\\[\\d+]\\Q");
                if (!axis.isEmpty() && field.matches(pattern + "(?:[.\\[].*)?")) {
                    return sweepFile + here.at("axes[" + a + "].values") + ": " + point + "axes[" + a + "]: ";
                }
            }
            JsonNode base = tree.path("base");
            if (base.isObject()) {
                return sweepFile + here.at("base." + field) + ": " + point + "base: ";
            }
            if (base.isTextual()) {
                Path file = sweepFile.resolveSibling(base.asText());
                String at = SourceLocations.of(file).at(field);
                return sweepFile + ": " + point + (at.isEmpty() ? "" : file + at + ": ");
            }
        } catch (IOException | ScenarioException | RuntimeException e) {
            // the file was read a moment ago; without it the refusal still names the file and the point
        }
        return sweepFile + ": " + point;
    }

    /** A point's axis values as {@code name=value, ...}. */
    static String label(SweepPlan plan, SweepPoint p) {
        StringBuilder label = new StringBuilder();
        for (int a = 0; a < p.values().size(); a++) {
            label.append(a == 0 ? "" : ", ").append(plan.parameters().get(a)).append('=').append(p.values().get(a));
        }
        return label.toString();
    }

    /** Binds a point's scenario YAML (as made by {@link #load}) back into a scenario. */
    public static Scenario bindPoint(SweepPoint p) throws ScenarioException {
        try {
            return ScenarioLoader.mapper(true).readValue(p.scenarioYaml(), Scenario.class);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(ScenarioLoader.describe("point " + p.index(), e), e);
        }
    }

    private static SweepFile bindFile(Path file, String display) throws ScenarioException {
        try {
            SweepFile f = mapper(display).readValue(ScenarioLoader.readBounded(file, display, "a sweep file"),
                    SweepFile.class);
            if (f == null) {
                throw new ScenarioException(display + ": the file is empty");
            }
            return f;
        } catch (NoSuchFileException e) {
            throw new ScenarioException(display + ": no such file");
        } catch (JsonProcessingException e) {
            throw new ScenarioException(ScenarioLoader.describe(display, e), e);
        } catch (IOException e) {
            throw new ScenarioException(display + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ObjectMapper mapper(String display) {
        return ScenarioLoader.mapper(!display.toLowerCase(Locale.ROOT).endsWith(".json"));
    }

    private static ObjectNode baseTree(SweepFile f, Path sweepFile, String display) throws ScenarioException {
        if (f.base().isObject()) {
            ObjectNode tree = ((ObjectNode) f.base()).deepCopy();
            bind(tree, display + ": base");
            return tree;
        }
        Path parent = sweepFile.toAbsolutePath().getParent();
        Path basePath = parent.resolve(f.base().asText()).normalize();
        try {
            ScenarioLoader.load(basePath); // errors in the base name its own file and line
        } catch (ScenarioException e) {
            throw new ScenarioException(display + ": base: " + e.getMessage(), e);
        }
        try {
            JsonNode tree = mapper(basePath.toString()).readTree(
                    ScenarioLoader.readBounded(basePath, basePath.toString(), "a scenario file"));
            if (!(tree instanceof ObjectNode o)) {
                throw new ScenarioException(basePath + ": not a scenario (a mapping of keys expected)");
            }
            return o;
        } catch (IOException e) {
            throw new ScenarioException(basePath + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<String> columnNames(SweepFile f, String display) throws ScenarioException {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>(SweepPlan.FIXED_COLUMNS);
        seen.add("point");
        for (int a = 0; a < f.axes().size(); a++) {
            SweepFile.Axis axis = f.axes().get(a);
            String name = axis.name();
            if (name == null) {
                Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)[^A-Za-z_]*$").matcher(axis.path());
                name = m.find() ? m.group(1) : "axis" + a;
            }
            if (!seen.add(name)) {
                throw new ScenarioException(display + ": axes[" + a + "] (" + axis.path() + "): its column name '" + name
                        + "' is taken; give the axis a 'name:'");
            }
            names.add(name);
        }
        return names;
    }

    /** Parses {@code a.b[1].c} into keys (String) and indexes (Integer, or {@link #EVERY} for {@code [*]}). */
    static List<Object> parsePath(String path, String where) throws ScenarioException {
        List<Object> out = new ArrayList<>();
        for (String seg : path.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(seg);
            if (!m.matches()) {
                throw new ScenarioException(where + ": '" + seg + "' is not a key; a path reads like systems[0].serving.batch_limit");
            }
            out.add(m.group(1));
            Matcher i = INDEX.matcher(m.group(2));
            while (i.find()) {
                out.add(i.group(1).equals("*") ? EVERY : (Object) Integer.parseInt(i.group(1)));
            }
        }
        return out;
    }

    /**
     * Sets {@code value} at {@code path} in {@code tree}; every step but the last must exist. An index
     * {@code [*]} stands for every element of that list (every system's budget in one axis).
     */
    static void set(ObjectNode tree, List<Object> path, JsonNode value, String where) throws ScenarioException {
        set(tree, path, 0, value, where, "");
    }

    private static void set(JsonNode node, List<Object> path, int k, JsonNode value, String where, String at)
            throws ScenarioException {
        Object step = path.get(k);
        boolean last = k == path.size() - 1;
        if (step instanceof String key) {
            if (!(node instanceof ObjectNode o)) {
                throw new ScenarioException(where + ": '" + at + "' is not a mapping, it has no key '" + key + "'");
            }
            if (last) {
                o.set(key, value.deepCopy());
                return;
            }
            if (!o.has(key) && HARDWARE_KEYS.containsKey(key)) {
                o.set(key, o.objectNode().put("base", HARDWARE_KEYS.get(key)));
            }
            if (!o.has(key)) {
                List<String> keys = new ArrayList<>();
                o.fieldNames().forEachRemaining(keys::add);
                String guess = DidYouMean.closest(key, keys);
                throw new ScenarioException(where + ": no key '" + key + "'" + (at.isEmpty() ? "" : " under '" + at + "'")
                        + " in the base scenario" + (guess == null ? "" : " (did you mean '" + guess + "'?)")
                        + "; keys there: " + String.join(", ", keys));
            }
            if (o.get(key).isTextual() && HARDWARE_KEYS.containsKey(key)) {
                // a catalog name is short for {base: name}, so an axis can reach into it (systems[0].gpu.hbm_bandwidth)
                o.set(key, o.objectNode().put("base", o.get(key).asText()));
            }
            set(o.get(key), path, k + 1, value, where, at.isEmpty() ? key : at + "." + key);
            return;
        }
        if (!(node instanceof ArrayNode arr)) {
            throw new ScenarioException(where + ": '" + at + "' is not a list, it has no element [" + indexText(step) + "]");
        }
        int from = step == EVERY ? 0 : (Integer) step;
        int to = step == EVERY ? arr.size() : from + 1;
        if (to > arr.size() || from == to) {
            throw new ScenarioException(where + ": '" + at + "' has no element [" + indexText(step) + "] (it has "
                    + arr.size() + ")");
        }
        for (int i = from; i < to; i++) {
            if (last) {
                arr.set(i, value.deepCopy());
            } else {
                set(arr.get(i), path, k + 1, value, where, at + "[" + i + "]");
            }
        }
    }

    private static String indexText(Object step) {
        return step == EVERY ? "*" : String.valueOf(step);
    }

    private static Scenario bind(JsonNode tree, String where) throws ScenarioException {
        Scenario s;
        try {
            s = ScenarioLoader.mapper(true).treeToValue(tree, Scenario.class);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(ScenarioLoader.describe(where, e), e);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(where + ": " + e.getMessage(), e);
        }
        return s;
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
