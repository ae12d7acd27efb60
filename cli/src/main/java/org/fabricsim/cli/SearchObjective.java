package org.fabricsim.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a search maximises: goodput per unit of what a deployment occupies or spends (docs/economics.md). */
enum SearchObjective {
    /** Goodput per accelerator chip (GPU, wafer, roofline accelerator), requests/s per chip. */
    GOODPUT_PER_CHIP("goodput_per_chip", "requests/s per chip"),
    /** Goodput per kilowatt of the metered mean power, requests/s per kW. */
    GOODPUT_PER_KW("goodput_per_kw", "requests/s per kW"),
    /** Goodput per dollar an hour of the scenario's price, requests/s per USD/h. */
    GOODPUT_PER_USD_PER_HOUR("goodput_per_usd_per_hour", "requests/s per USD/h");

    private final String key;
    private final String unit;

    SearchObjective(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    String key() {
        return key;
    }

    String unit() {
        return unit;
    }

    static SearchObjective parse(String where, String key) throws ScenarioException {
        for (SearchObjective o : values()) {
            if (o.key.equals(key)) {
                return o;
            }
        }
        throw new ScenarioException(where + ": must be one of " + Arrays.stream(values()).map(SearchObjective::key)
                .collect(Collectors.joining(", ")) + ", got " + (key == null ? "nothing" : "'" + key + "'"));
    }

    /**
     * The objective of a deployment from its pooled summary: goodput requests/s, its chips, its energy per token,
     * throughput tokens/s and cost per million tokens.
     */
    double value(double goodput, int chips, double joulesPerToken, double throughput, double usdPerMToken) {
        return switch (this) {
            case GOODPUT_PER_CHIP -> goodput / chips;
            case GOODPUT_PER_KW -> goodput / (joulesPerToken * throughput / 1e3);
            case GOODPUT_PER_USD_PER_HOUR -> goodput / (usdPerMToken * throughput / 1e6 * 3600);
        };
    }
}
