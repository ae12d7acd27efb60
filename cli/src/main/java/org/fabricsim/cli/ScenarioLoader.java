package org.fabricsim.cli;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.serving.CalibrationChoice;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * Reads a scenario file (YAML, or JSON by extension) into a validated {@link Scenario}. Every error
 * becomes a {@link ScenarioException} naming the file, line, column, field path and bad value.
 */
public final class ScenarioLoader {
    /** Scenario files larger than this are refused before parsing (a scenario is a page of text). */
    static final long MAX_FILE_BYTES = 4L << 20;

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    private interface SystemConfigMixin {
    }

    /**
     * A speculative block given as an accepted-length distribution holds NaN as its unused acceptance rate: left out
     * of the resolved YAML, which must read back (a sweep point is bound from it, and NaN is no valid rate).
     */
    private abstract static class SpeculativeMixin {
        @com.fasterxml.jackson.annotation.JsonInclude(value = com.fasterxml.jackson.annotation.JsonInclude.Include.CUSTOM,
                valueFilter = NaNFilter.class)
        abstract Double acceptanceRate();
    }

    /** Jackson's value filter: true drops the value. */
    static final class NaNFilter {
        @Override
        public boolean equals(Object value) {
            return value instanceof Double d && d.isNaN();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    private ScenarioLoader() {
    }

    private static final ObjectMapper YAML = newMapper(true);
    private static final ObjectMapper JSON = newMapper(false);

    /**
     * The mapper for scenario files: snake_case keys, unknown keys refused, human units accepted. Shared (a configured
     * mapper is thread-safe) because building its deserializers anew cost more than reading a scenario.
     */
    static ObjectMapper mapper(boolean yaml) {
        return yaml ? YAML : JSON;
    }

    private static ObjectMapper newMapper(boolean yaml) {
        ObjectMapper m = yaml
                ? YAMLMapper.builder(YAMLFactory.builder().build()).disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID).build()
                : JsonMapper.builder().build();
        m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // requests: 10.5 is not 10 requests, and a key given twice is a mistake, not "the last one wins"
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        m.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        m.addMixIn(SystemConfig.class, SystemConfigMixin.class);
        m.addMixIn(org.fabricsim.workloads.serving.ServingPolicy.Speculative.class, SpeculativeMixin.class);
        for (SystemKinds.Kind k : SystemKinds.all().values()) {
            m.registerSubtypes(new NamedType(k.config(), k.name()));
        }
        SimpleModule units = new SimpleModule("human-units");
        units.addDeserializer(Double.class, new QuantityDeserializer());
        units.addDeserializer(Long.class, new LongQuantityDeserializer());
        units.addDeserializer(CalibrationChoice.class, new CalibrationChoiceDeserializer());
        units.addSerializer(Double.class, new Yaml11DoubleSerializer());
        units.addSerializer(double.class, new Yaml11DoubleSerializer());
        m.registerModule(units);
        return m;
    }

    /**
     * Writes a double as YAML 1.1 (PyYAML) and JSON read it as a float: Java's {@code 1.0E9} has no exponent sign,
     * which YAML 1.1's float pattern requires, so PyYAML would read it as a string; {@code 1.0E+9} is a float in
     * both. Infinities and NaN take YAML's spelling.
     */
    static final class Yaml11DoubleSerializer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeNumber(yaml11(v));
        }
    }

    /** A double's shortest round-trip text with a signed exponent: 1.0E9 becomes 1.0E+9, 2.5E-7 stays. */
    static String yaml11(double v) {
        if (Double.isNaN(v)) {
            return ".nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? ".inf" : "-.inf";
        }
        String t = Double.toString(v);
        int e = t.indexOf('E');
        return e < 0 || t.charAt(e + 1) == '-' ? t : t.substring(0, e + 1) + "+" + t.substring(e + 1);
    }

    /** Loads and validates a scenario file. */
    public static Scenario load(Path file) throws ScenarioException {
        return load(file, TracesOption.fromEnvironment());
    }

    /**
     * The bytes of a regular file of at most {@link #MAX_FILE_BYTES}. A device ({@code /dev/zero}) or a FIFO
     * reports a size of 0 and would be read forever, or block, so anything but a regular file is refused
     * before it is opened.
     */
    static byte[] readBounded(Path file, String display, String what) throws IOException, ScenarioException {
        if (Files.isDirectory(file)) {
            throw new ScenarioException(display + ": is a directory, not " + what);
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(display);
        }
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(display + ": is not a regular file (a device, FIFO or socket), not " + what);
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ScenarioException(display + ": " + size + " bytes is larger than " + what + " may be ("
                    + MAX_FILE_BYTES + " bytes, 4 MiB)");
        }
        return Files.readAllBytes(file);
    }

    /** As {@link #load(Path)}, a trace path that names no file looked up under {@code tracesDir} (may be null). */
    public static Scenario load(Path file, Path tracesDir) throws ScenarioException {
        String display = file.toString();
        byte[] bytes;
        try {
            bytes = readBounded(file, display, "a scenario file");
        } catch (NoSuchFileException e) {
            throw new ScenarioException(display + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(display + ": cannot read: " + e.getMessage());
        }
        boolean yaml = !display.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        Scenario s;
        try {
            s = mapper(yaml).readValue(bytes, Scenario.class);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(describe(display, e, SourceLocations.of(bytes, yaml)), e);
        } catch (IOException e) {
            throw new ScenarioException(display + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ScenarioException(display + ": malformed scenario: " + e.getMessage(), e);
        }
        if (s == null) {
            throw new ScenarioException(display + ": the file is empty");
        }
        // a model's config.json is relative to the scenario file, so models are checked once paths are resolved
        Scenario resolved = resolvedAgainst(s, file.toAbsolutePath().getParent(), tracesDir);
        try {
            checkModels(resolved);
        } catch (ScenarioException e) {
            throw new ScenarioException(display + SourceLocations.of(bytes, yaml).at(SourceLocations.leadingPath(
                    e.getMessage())) + ": " + e.getMessage(), e);
        }
        return resolved;
    }

    /**
     * The scenario with its relative file paths (trace, expert-popularity counts) resolved against
     * {@code baseDir}: a scenario's paths are relative to the scenario file's directory, wherever fabricsim runs.
     */
    static Scenario resolvedAgainst(Scenario s, Path baseDir) {
        return resolvedAgainst(s, baseDir, TracesOption.fromEnvironment());
    }

    /** As {@link #resolvedAgainst(Scenario, Path)}, a trace that is not there looked up under {@code tracesDir}. */
    static Scenario resolvedAgainst(Scenario s, Path baseDir, Path tracesDir) {
        List<SystemConfig> systems = new ArrayList<>();
        for (SystemConfig c : s.systems()) {
            systems.add(c.resolvedAgainst(baseDir));
        }
        return new Scenario(s.name(), s.description(), s.seed(), s.replications(), s.stopTimeS(), s.slo(), s.prices(),
                s.workload().resolvedAgainst(baseDir).locatedIn(tracesDir), systems);
    }

    /** As {@link #checkModels(Scenario)}, the refusal led by {@code display} (a file, or a sweep's point). */
    static void checkModels(String display, Scenario s) throws ScenarioException {
        try {
            checkModels(s);
        } catch (ScenarioException e) {
            throw new ScenarioException(display + ": " + e.getMessage(), e);
        }
    }

    /** Refuses models that do not load and serving options the model cannot have; the message leads with the field. */
    static void checkModels(Scenario s) throws ScenarioException {
        for (int i = 0; i < s.systems().size(); i++) {
            SystemConfig c = s.systems().get(i);
            try {
                c.model().spec();
            } catch (IllegalArgumentException e) {
                throw new ScenarioException("systems[" + i + "].model: " + e.getMessage());
            }
            checkHotReplicas("systems[" + i + "].serving.expert_placement.hot_replicas", c);
            checkExpertParallel("systems[" + i + "].expert_parallel", c);
            if (c.serving().prefill() != null && !c.serving().prefill().system().model().equals(c.model())) {
                throw new ScenarioException("systems[" + i + "].serving.prefill.system.model: must be the"
                        + " decoding system's model '" + c.model() + "' (the KV cache it hands over is that model's), got '"
                        + c.serving().prefill().system().model() + "'");
            }
            if (c.serving().speculative() != null && c.serving().speculative().draftModel() != null) {
                try {
                    ModelCatalog.get(c.serving().speculative().draftModel());
                } catch (IllegalArgumentException e) {
                    throw new ScenarioException(
                            "systems[" + i + "].serving.speculative.draft_model: " + e.getMessage());
                }
            }
            var spec = c.serving().speculative();
            if (spec != null && spec.draftModel() == null && spec.draftLayers() > c.model().spec().layerCount()) {
                // a draft head made of the target's own layers cannot have more of them than the target has
                throw new ScenarioException("systems[" + i + "].serving.speculative.draft_layers: must be at"
                        + " most the " + c.model().spec().layerCount() + " layers of " + c.model() + ", got "
                        + spec.draftLayers());
            }
        }
    }

    /**
     * Expert parallelism spreads a layer's routed experts over ranks: ranks beyond the experts would hold none (an
     * expert_parallel of 1000 for 384 experts is a typo that deploys hundreds of idle GPUs).
     */
    private static void checkExpertParallel(String where, SystemConfig c) throws ScenarioException {
        if (!(c instanceof org.fabricsim.workloads.gpu.GpuSystemConfig g) || g.expertParallel() == null) {
            return;
        }
        int routed = 0;
        for (LayerSpec l : c.model().spec().layers()) {
            routed = l.moe() == null ? routed : Math.max(routed, l.moe().routedExperts());
        }
        if (routed > 0 && g.expertParallel() > routed) {
            throw new ScenarioException(where + ": must be at most the " + routed + " routed experts of " + c.model()
                    + " (a rank beyond them holds no expert), got " + g.expertParallel());
        }
    }

    /** Hot replicas copy routed experts, so there can be no more of them than the model has routed experts. */
    private static void checkHotReplicas(String where, SystemConfig c) throws ScenarioException {
        int replicas = c.serving().expertPlacement().hotReplicas();
        if (replicas == 0) {
            return;
        }
        int routed = 0;
        for (LayerSpec l : c.model().spec().layers()) {
            routed = l.moe() == null ? routed : Math.max(routed, l.moe().routedExperts());
        }
        if (replicas > routed) {
            throw new ScenarioException(where + ": must be at most the " + routed + " routed experts of " + c.model()
                    + (routed == 0 ? " (a dense model has no experts to replicate)" : "") + ", got " + replicas);
        }
    }

    /** The scenario with every default filled in, as YAML. */
    /**
     * The scenario as YAML with its trace path relative to {@code scenarioDir}, the directory of the scenario file
     * it came from: the same text wherever the checkout sits.
     */
    public static String resolvedYaml(Scenario s, Path scenarioDir) throws ScenarioException {
        List<SystemConfig> systems = new ArrayList<>();
        for (SystemConfig c : s.systems()) {
            systems.add(c.withModel(c.model().relativeTo(scenarioDir)));
        }
        return resolvedYaml(new Scenario(s.name(), s.description(), s.seed(), s.replications(), s.stopTimeS(), s.slo(), s.prices(),
                s.workload().relativeTo(scenarioDir), systems));
    }

    public static String resolvedYaml(Scenario s) throws ScenarioException {
        try {
            return mapper(true).writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new ScenarioException("cannot write the resolved scenario: " + e.getMessage(), e);
        }
    }

    static String describe(String file, JsonProcessingException e) {
        return describe(file, e, null);
    }

    /**
     * As {@link #describe(String, JsonProcessingException)}; a value a constructor refuses is placed at the key it
     * names in {@code source} when given (Jackson places it at the end of the enclosing mapping).
     */
    static String describe(String file, JsonProcessingException e, SourceLocations source) {
        JsonLocation loc = e.getLocation();
        String where = file + (loc != null && loc.getLineNr() > 0 ? ":" + loc.getLineNr() + ":" + loc.getColumnNr() : "");
        String path = e instanceof JsonMappingException jm ? path(jm.getPath()) : "";
        if (source != null && e instanceof ValueInstantiationException v && v.getCause() instanceof IllegalArgumentException c
                && c.getMessage() != null) {
            String field = SourceLocations.leadingPath(c.getMessage());
            String at = source.at(path.isEmpty() ? field : field.isEmpty() ? path : path + "." + field);
            where = at.isEmpty() ? where : file + at;
        }
        String prefix = where + ": " + (path.isEmpty() ? "" : path + ": ");
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : known(u.getKnownPropertyIds());
            String guess = DidYouMean.closest(u.getPropertyName(), u.getKnownPropertyIds());
            String parent = path(u.getPath().subList(0, u.getPath().size() - 1));
            return where + ": " + (parent.isEmpty() ? "" : parent + ": ") + "unknown key '" + u.getPropertyName() + "'"
                    + (guess == null ? "" : " (did you mean '" + guess + "'?)") + (known.isEmpty() ? "" : "; known keys: " + known);
        }
        if (e instanceof InvalidTypeIdException t) {
            String guess = DidYouMean.closest(t.getTypeId(), new ArrayList<>(SystemKinds.all().keySet()));
            return prefix + (t.getTypeId() == null ? "missing 'kind'" : "unknown kind '" + t.getTypeId() + "'")
                    + (guess == null ? "" : " (did you mean '" + guess + "'?)") + "; kinds: "
                    + String.join(", ", SystemKinds.all().keySet());
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            Throwable c = v.getCause();
            // a null where a value belongs (an empty list entry: "- ~") reaches a constructor as an NPE
            return prefix + (c instanceof IllegalArgumentException ? c.getMessage()
                    : c instanceof NullPointerException ? "an empty (null) value where a value or entry is required"
                    : c.toString());
        }
        String msg = e.getOriginalMessage();
        int cut = msg.indexOf(" (for ");
        if (cut < 0) {
            cut = msg.indexOf("\n at [Source");
        }
        return prefix + (cut > 0 ? msg.substring(0, cut) : msg).replace('\n', ' ');
    }

    private static String known(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Doubles as plain numbers or human quantities ("2us", "400Gbps"); the field's name says the unit. */
    static final class QuantityDeserializer extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    return Units.parse(p.currentName(), p.getText());
                } catch (IllegalArgumentException e) {
                    throw JsonMappingException.from(p, e.getMessage(), e);
                }
            }
            if (p.currentToken().isNumeric()) {
                return p.getDoubleValue();
            }
            return (Double) ctx.handleUnexpectedToken(Double.class, p);
        }
    }

    /**
     * A calibration set as its name ({@code calibration: default}) or a mapping with {@code base:} and changed values,
     * each a number, a quantity in the unit its name carries ({@code nvlink_hop_latency_s: 0.5us}) or a boolean.
     */
    static final class CalibrationChoiceDeserializer extends JsonDeserializer<CalibrationChoice> {
        @Override
        public CalibrationChoice deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return CalibrationChoice.named(p.getText());
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (CalibrationChoice) ctx.handleUnexpectedToken(CalibrationChoice.class, p);
            }
            String base = null;
            java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (key.equals("base")) {
                    base = p.getValueAsString();
                } else if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                    values.put(key, v == JsonToken.VALUE_TRUE ? 1.0 : 0.0);
                } else if (v.isNumeric()) {
                    values.put(key, p.getDoubleValue());
                } else if (v == JsonToken.VALUE_STRING) {
                    try {
                        values.put(key, Units.parse(key, p.getText()));
                    } catch (IllegalArgumentException e) {
                        throw JsonMappingException.from(p, key + ": " + e.getMessage(), e);
                    }
                } else {
                    throw JsonMappingException.from(p, key + ": must be a number, a quantity or a boolean");
                }
            }
            try {
                return new CalibrationChoice(base, values);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }

    /** Longs (byte sizes) as plain integers or quantities ("80GB", "48KiB"). */
    static final class LongQuantityDeserializer extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            double v;
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    v = Units.parse(p.currentName(), p.getText());
                } catch (IllegalArgumentException e) {
                    throw JsonMappingException.from(p, e.getMessage(), e);
                }
            } else if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            } else if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                v = p.getDoubleValue();
            } else {
                return (Long) ctx.handleUnexpectedToken(Long.class, p);
            }
            if (!(Math.abs(v) < 9.2e18) || v != Math.rint(v)) {
                throw JsonMappingException.from(p, "'" + p.getText() + "' is not a whole number of bytes within range");
            }
            return (long) v;
        }
    }
}
