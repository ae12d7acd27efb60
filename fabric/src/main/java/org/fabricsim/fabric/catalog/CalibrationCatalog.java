package org.fabricsim.fabric.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fabricsim.fabric.api.Hardware;

/**
 * The calibration sets shipped in the jar ({@code org/fabricsim/fabric/catalog/calibration.yaml}): per hardware kind
 * ({@code gpu}, {@code gpu_stack}, {@code wafer_kernels}) named sets of the constants no data sheet gives, each with a description and a
 * source per field. A scenario picks a set by name or derives one ({@link #resolve}); the records built from a set
 * validate every value.
 */
public final class CalibrationCatalog {
    public static final String RESOURCE = "org/fabricsim/fabric/catalog/calibration.yaml";
    /** Kind of the GPU calibration sets. */
    public static final String GPU = Hardware.GPU_CALIBRATION;
    /** Kind of the wafer kernel modes. */
    public static final String WAFER_KERNELS = Hardware.WAFER_KERNELS;
    /** Kind of the GPU serving software stacks. */
    public static final String GPU_STACK = Hardware.GPU_STACK;

    private static final Map<String, List<String>> FIELDS = Map.of(
            GPU, List.of("hbm_bandwidth_efficiency", "flop_efficiency", "eager_launch_extra_s",
                    "elementwise_kernels_per_layer", "nvlink_protocol_efficiency", "nvls_alg_bandwidth_fraction",
                    "infiniband_efficiency", "nvlink_hop_latency_s", "nic_latency_s", "switch_hop_latency_s",
                    "collective_step_overhead_s", "workspace_fraction_of_hbm",
                    "bytes_in_flight_per_sm", "dequant_weights_per_sm_cycle",
                    "split_k_min_depth"),
            GPU_STACK, List.of("kernel_efficiency", "step_overhead_s", "cuda_graphs"),
            WAFER_KERNELS, List.of("reduction_stage_cycles", "operation_overhead_cycles", "instruction_cycles",
                    "sums_in_registers", "reserved_sram_bytes_per_core"));

    /** One named set: what it stands for, its values (booleans as 0 and 1) and the source of each. */
    public record Set(String description, Map<String, Double> values, Map<String, String> sources) {
    }

    private final String file;
    private final Map<String, Map<String, Set>> kinds;

    private static final class BuiltIn {
        static final CalibrationCatalog CATALOG = load(RESOURCE);
    }

    private CalibrationCatalog(String file, Map<String, Map<String, Set>> kinds) {
        this.file = file;
        this.kinds = kinds;
    }

    public static CalibrationCatalog builtIn() {
        return BuiltIn.CATALOG;
    }

    /** Parses a calibration file from the class path, refusing a missing or unknown field or a field without source. */
    public static CalibrationCatalog load(String resource) {
        try (InputStream in = CalibrationCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + ": calibration catalog not found on the class path");
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, Map<String, Set>> kinds = new TreeMap<>();
            for (String kind : List.of(GPU, GPU_STACK, WAFER_KERNELS)) {
                JsonNode node = root == null ? null : root.get(kind);
                if (node == null || !node.isObject()) {
                    throw new IllegalStateException(resource + ": " + kind + ": missing section");
                }
                Map<String, Set> sets = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    sets.put(e.getKey(), set(resource + ": " + kind + "." + e.getKey(), e.getValue(), FIELDS.get(kind)));
                }
                kinds.put(kind, sets);
            }
            return new CalibrationCatalog(resource, kinds);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": cannot read calibration catalog", e);
        }
    }

    private static Set set(String where, JsonNode entry, List<String> fields) {
        for (Iterator<String> keys = entry.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!key.equals("sources") && !key.equals("description") && !fields.contains(key)) {
                throw new IllegalStateException(where + ": unknown field " + key + " (known: " + fields + ")");
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode v = entry.get(field);
            if (v == null || !(v.isNumber() || v.isBoolean())) {
                throw new IllegalStateException(where + "." + field + ": missing or not a number");
            }
            values.put(field, v.isBoolean() ? (v.asBoolean() ? 1.0 : 0.0) : v.doubleValue());
            JsonNode s = entry.path("sources").get(field);
            if (s == null || !s.isTextual() || s.asText().isBlank()) {
                throw new IllegalStateException(where + ".sources." + field + ": every value needs a source");
            }
            sources.put(field, s.asText());
        }
        return new Set(entry.path("description").asText(""), values, sources);
    }

    /** The set names of a kind, in file order. */
    public List<String> names(String kind) {
        return new ArrayList<>(sets(kind).keySet());
    }

    /** The fields of a kind, in file order. */
    public static List<String> fields(String kind) {
        return FIELDS.get(kind);
    }

    public Set set(String kind, String name) {
        Set s = sets(kind).get(name);
        if (s == null) {
            throw new IllegalArgumentException("base: must be one of " + String.join(", ", names(kind)) + ", got " + name);
        }
        return s;
    }

    private Map<String, Set> sets(String kind) {
        Map<String, Set> s = kinds.get(kind);
        if (s == null) {
            throw new IllegalArgumentException("calibration kind: must be one of " + kinds.keySet() + ", got " + kind);
        }
        return s;
    }

    /** Every field of set {@code base} with {@code overrides} applied; an override of a field the kind lacks is refused. */
    public Map<String, Double> resolve(String kind, String base, Map<String, Double> overrides) {
        Map<String, Double> values = new LinkedHashMap<>(set(kind, base).values());
        for (Map.Entry<String, Double> o : overrides.entrySet()) {
            if (!values.containsKey(o.getKey())) {
                throw new IllegalArgumentException("unknown key '" + o.getKey() + "'; known keys: base, "
                        + String.join(", ", fields(kind)));
            }
            if (o.getValue() == null || o.getValue().isNaN() || o.getValue().isInfinite()) {
                throw new IllegalArgumentException(o.getKey() + ": must be a finite number, got " + o.getValue());
            }
            values.put(o.getKey(), o.getValue());
        }
        return values;
    }

    /** SRAM per core a kernel mode keeps for code, task table and buffers, out of the weights' and KV cache's reach. */
    public static int reservedSramBytesPerCore(Map<String, Double> v) {
        double r = v.get("reserved_sram_bytes_per_core");
        if (r != Math.rint(r) || r < 0 || r > 1 << 24) {
            throw new IllegalArgumentException("reserved_sram_bytes_per_core: must be a whole number of bytes in 0..16 MiB,"
                    + " got " + r);
        }
        return (int) r;
    }

    /** The file the sets come from, for messages. */
    public String file() {
        return file;
    }
}
