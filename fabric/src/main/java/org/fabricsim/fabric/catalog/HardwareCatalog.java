package org.fabricsim.fabric.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fabricsim.fabric.api.Power;

/**
 * The hardware catalog shipped in the jar ({@code org/fabricsim/fabric/catalog/hardware.yaml}): one entry per
 * GPU, interconnect, wafer and inter-wafer link, every field named with its unit and given a source. The file
 * is parsed once into raw entries; specs are built on request, so the records' compact constructors validate
 * every figure and a bad entry is refused naming the file, entry and field.
 */
public final class HardwareCatalog {
    /** Resource path of the built-in catalog. */
    public static final String RESOURCE = "org/fabricsim/fabric/catalog/hardware.yaml";

    private static final List<String> GPU_FIELDS = List.of("hbm_bytes", "hbm_bandwidth_bytes_per_s",
            "peak_flops_bf16_per_s", "peak_flops_fp8_per_s", "peak_flops_fp4_per_s",
            "nvlink_bytes_per_s_per_direction", "sm_count", "clock_hz", "launch_latency_s", "hbm_latency_s", "l2_bytes",
            "l2_bandwidth_bytes_per_s", "busy_watts", "idle_watts", "node_watts");
    private static final List<String> WAFER_FIELDS = List.of("rows", "cols", "sram_bytes_per_core",
            "sram_read_bytes_per_cycle", "sram_write_bytes_per_cycle", "flops_per_cycle_16bit",
            "flops_per_cycle_32bit", "clock_hz", "mesh_link_bytes_per_cycle", "hop_cycles", "io_ports",
            "io_port_bytes_per_s", "busy_watts", "idle_watts", "host_watts");
    /** Fields an entry may leave out (a part nobody rents has no hourly price); given, they need a source too. */
    private static final List<String> OPTIONAL_FIELDS = List.of("usd_per_hour");
    private static final List<String> INTERCONNECT_FIELDS = List.of("port_bytes_per_s");
    private static final List<String> LINK_FIELDS = List.of("bandwidth_bytes_per_s", "latency_s");
    private static final List<String> SYSTEM_LINK_FIELDS = List.of("port_bytes_per_s", "latency_s");

    private final String file;
    private final Map<String, Map<String, Map<String, Double>>> sections;

    /** Lazily parsed built-in catalog (a holder, so spec classes may read it from their static initialisers). */
    private static final class BuiltIn {
        static final HardwareCatalog CATALOG = load(RESOURCE);
    }

    private HardwareCatalog(String file, Map<String, Map<String, Map<String, Double>>> sections) {
        this.file = file;
        this.sections = sections;
    }

    /** The catalog shipped in the jar. */
    public static HardwareCatalog builtIn() {
        return BuiltIn.CATALOG;
    }

    /** Parses a catalog from a class-path resource, checking every entry's fields and sources. */
    public static HardwareCatalog load(String resource) {
        try (InputStream in = HardwareCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + ": hardware catalog not found on the class path");
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, Map<String, Map<String, Double>>> sections = new TreeMap<>();
            sections.put("gpus", section(resource, root, "gpus", GPU_FIELDS));
            sections.put("interconnects", section(resource, root, "interconnects", INTERCONNECT_FIELDS));
            sections.put("wafers", section(resource, root, "wafers", WAFER_FIELDS));
            sections.put("inter_wafer_links", section(resource, root, "inter_wafer_links", LINK_FIELDS));
            sections.put("system_links", section(resource, root, "system_links", SYSTEM_LINK_FIELDS));
            return new HardwareCatalog(resource, sections);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": cannot read hardware catalog", e);
        }
    }

    private static Map<String, Map<String, Double>> section(String file, JsonNode root, String name, List<String> fields) {
        JsonNode node = root == null ? null : root.get(name);
        if (node == null || !node.isObject()) {
            throw new IllegalStateException(file + ": " + name + ": missing section");
        }
        Map<String, Map<String, Double>> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = file + ": " + name + "." + e.getKey();
            JsonNode entry = e.getValue();
            JsonNode sources = entry.get("sources");
            Map<String, Double> values = new TreeMap<>();
            for (Iterator<String> keys = entry.fieldNames(); keys.hasNext();) {
                String key = keys.next();
                if (!key.equals("sources") && !fields.contains(key) && !OPTIONAL_FIELDS.contains(key)) {
                    throw new IllegalStateException(where + ": unknown field " + key + " (known: " + fields + ", optional: "
                            + OPTIONAL_FIELDS + ")");
                }
            }
            List<String> given = new ArrayList<>(fields);
            OPTIONAL_FIELDS.stream().filter(entry::has).forEach(given::add);
            for (String field : given) {
                JsonNode v = entry.get(field);
                if (v == null) {
                    throw new IllegalStateException(where + "." + field + ": missing");
                }
                values.put(field, number(where + "." + field, v));
                JsonNode source = sources == null ? null : sources.get(field);
                if (source == null || !source.isTextual() || source.asText().isBlank()) {
                    throw new IllegalStateException(where + ".sources." + field + ": every figure needs a source");
                }
            }
            entries.put(e.getKey(), values);
        }
        return entries;
    }

    /** A number written as a YAML number or as text Double.parseDouble reads ("450e9" is text to YAML 1.1). */
    private static double number(String where, JsonNode v) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        try {
            return Double.parseDouble(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(where + ": not a number: " + v.asText());
        }
    }

    private Map<String, Double> entry(String section, String kind, String name) {
        Map<String, Map<String, Double>> s = sections.get(section);
        Map<String, Double> e = s.get(name.toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException(kind + ": must be one of " + String.join(", ", s.keySet()) + ", got " + name);
        }
        return e;
    }

    /** Names of the entries in a section (gpus, interconnects, wafers, inter_wafer_links, system_links), sorted. */
    public List<String> names(String section) {
        return new ArrayList<>(sections.get(section).keySet());
    }

    /**
     * The fields of the entry {@code name} of a section (gpus, wafers, ...) by their name in the file; {@code kind}
     * names the key in the error for an unknown name. The spec types build themselves from these.
     */
    public Map<String, Double> fields(String section, String kind, String name) {
        return java.util.Collections.unmodifiableMap(entry(section, kind, name));
    }

    /** The file the entries come from, for messages. */
    public String file() {
        return file;
    }

    /** The power of the catalog GPU of this name. */
    public Power gpuPower(String name) {
        Map<String, Double> e = entry("gpus", "gpu", name);
        return new Power(e.get("busy_watts"), e.get("idle_watts"), e.get("node_watts"));
    }

    /** The power of the catalog wafer system of this name. */
    public Power waferPower(String name) {
        Map<String, Double> e = entry("wafers", "wafer", name);
        return new Power(e.get("busy_watts"), e.get("idle_watts"), e.get("host_watts"));
    }

    /**
     * The hourly rental price of one catalog GPU (its share of the node included) or one wafer system, US dollars;
     * null when the catalog has no sourced price for it.
     *
     * @param section "gpus" or "wafers"
     */
    public Double usdPerHour(String section, String name) {
        return entry(section, section.equals("gpus") ? "gpu" : "wafer", name).get("usd_per_hour");
    }

    /** Line rate per port and direction of the catalog InfiniBand generation of this name, bytes/s. */
    public double interconnectPortBytesPerS(String name) {
        return entry("interconnects", "nic", name).get("port_bytes_per_s");
    }

    /** Bandwidth of the catalog inter-wafer link of this name, bytes/s. */
    public double interWaferLinkBandwidthBytesPerS(String name) {
        return entry("inter_wafer_links", "inter_wafer_link", name).get("bandwidth_bytes_per_s");
    }

    /** Latency of the catalog inter-wafer link of this name, s. */
    public double interWaferLinkLatencyS(String name) {
        return entry("inter_wafer_links", "inter_wafer_link", name).get("latency_s");
    }

    /** Line rate per port and direction of the catalog link between systems of this name, bytes/s. */
    public double systemLinkPortBytesPerS(String name) {
        return entry("system_links", "kv_link", name).get("port_bytes_per_s");
    }

    /** Latency of the catalog link between systems of this name, s. */
    public double systemLinkLatencyS(String name) {
        return entry("system_links", "kv_link", name).get("latency_s");
    }

    /** A field that must be a whole number (bytes, counts); otherwise the catalog file is at fault. */
    public long exactLong(Map<String, Double> e, String field) {
        double v = e.get(field);
        if (v != Math.rint(v) || Math.abs(v) >= 0x1p53) {
            throw new IllegalStateException(file + ": " + field + ": must be a whole number, got " + v);
        }
        return (long) v;
    }

    /** As {@link #exactLong}, within int. */
    public int exactInt(Map<String, Double> e, String field) {
        long v = exactLong(e, field);
        if (v != (int) v) {
            throw new IllegalStateException(file + ": " + field + ": out of int range, got " + v);
        }
        return (int) v;
    }
}
