package org.fabricsim.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fabricsim.workloads.requests.WorkloadConfig;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * A scenario file: the requests, the systems that serve them (each replays the same requests on one
 * shared timeline), the seed and the number of replications. Bound from YAML or JSON with snake_case keys.
 *
 * @param stopTimeS  simulated time after which a replication is cut short (an error if requests remain)
 * @param slo        latency objectives goodput counts requests against (null: none, goodput undefined)
 * @param prices     price of each named system, for cost_per_million_output_tokens (a system not named has none)
 */
public record Scenario(String name, String description, Long seed, Integer replications, Double stopTimeS,
        SloConfig slo, java.util.Map<String, PriceConfig> prices, WorkloadConfig workload, List<SystemConfig> systems) {

    public Scenario {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "name: required, letters, digits, '.', '_' and '-' only (it names the output directory), got '" + name + "'");
        }
        description = description == null ? "" : description;
        seed = seed == null ? 1L : seed;
        replications = replications == null ? 1 : replications;
        if (replications < 1 || replications > 10_000) {
            throw new IllegalArgumentException("replications: must be in 1..10000, got " + replications);
        }
        stopTimeS = stopTimeS == null ? 1e9 : stopTimeS;
        if (!(stopTimeS > 0 && stopTimeS <= org.fabricsim.workloads.serving.Bounds.MAX_TIME_S)) {
            throw new IllegalArgumentException("stop_time_s: must be > 0 and <= 1e9 s, got " + stopTimeS);
        }
        workload = workload == null ? new WorkloadConfig(null, null, null, null, null, null, null) : workload;
        if (systems == null || systems.isEmpty()) {
            throw new IllegalArgumentException("systems: at least one system is required");
        }
        for (int i = 0; i < systems.size(); i++) {
            if (systems.get(i) == null) {
                throw new IllegalArgumentException("systems[" + i + "]: empty entry; a system is a mapping with a kind");
            }
        }
        systems = List.copyOf(systems);
        Set<String> names = new HashSet<>();
        for (SystemConfig s : systems) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("systems: two systems are named '" + s.name() + "'");
            }
        }
        prices = prices == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(prices));
        for (String system : prices.keySet()) {
            if (!names.contains(system)) {
                throw new IllegalArgumentException("prices: '" + system + "' names no system; systems: "
                        + String.join(", ", new java.util.TreeSet<>(names)));
            }
        }
    }
}
