package org.fabricsim.results;

/** The metrics of summary.csv, with their units. Names are part of the output contract. */
public enum Metric {
    TTFT_S("ttft_s", "s"),
    ITL_S("itl_s", "s"),
    EMISSION_GAP_S("emission_gap_s", "s"),
    TPOT_S("tpot_s", "s"),
    E2E_S("e2e_s", "s"),
    OUTPUT_TOKENS_PER_S("output_tokens_per_s", "tokens/s"),
    THROUGHPUT_TOKENS_PER_S("throughput_tokens_per_s", "tokens/s"),
    /** Requests meeting the scenario's slo per second of the run, one value per replication; NaN without an slo. */
    GOODPUT_REQUESTS_PER_S("goodput_requests_per_s", "requests/s"),
    /** The hardware's energy over the run's span per output token, one value per replication (docs/economics.md). */
    JOULES_PER_OUTPUT_TOKEN("joules_per_output_token", "J/token"),
    /** The span's cost per million output tokens, one value per replication; NaN without a price. */
    COST_PER_MILLION_OUTPUT_TOKENS("cost_per_million_output_tokens", "USD/Mtoken");

    private final String id;
    private final String unit;

    Metric(String id, String unit) {
        this.id = id;
        this.unit = unit;
    }

    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }
}
