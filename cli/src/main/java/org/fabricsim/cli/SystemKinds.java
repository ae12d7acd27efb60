package org.fabricsim.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fabricsim.workloads.gpu.GpuSystemConfig;
import org.fabricsim.workloads.roofline.RooflineSystemConfig;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * The system kinds a scenario may name in {@code kind:}, each with its config record and a one-line
 * description. Adding a kind is one config record and one line here.
 */
public final class SystemKinds {
    /** A registered kind. */
    public record Kind(String name, Class<? extends SystemConfig> config, String description) {
    }

    private static final Map<String, Kind> KINDS = registry(
            new Kind("roofline", RooflineSystemConfig.class,
                    "one accelerator as a roofline: step = max(bytes / bandwidth, FLOPs / peak) + overhead"),
            new Kind(GpuSystemConfig.KIND, GpuSystemConfig.class,
                    "GPU cluster: NVSwitch nodes, InfiniBand fat tree, TP/EP/PP/DP, roofline kernels, collectives as flows"));

    private SystemKinds() {
    }

    private static Map<String, Kind> registry(Kind... kinds) {
        Map<String, Kind> m = new LinkedHashMap<>();
        for (Kind k : kinds) {
            m.put(k.name(), k);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    public static Map<String, Kind> all() {
        return KINDS;
    }
}
