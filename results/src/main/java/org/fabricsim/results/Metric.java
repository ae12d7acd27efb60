package org.fabricsim.results;

/** The metrics of summary.csv, with their units. Names are part of the output contract. */
public enum Metric {
    TTFT_S("ttft_s", "s"),
    ITL_S("itl_s", "s"),
    EMISSION_GAP_S("emission_gap_s", "s"),
    TPOT_S("tpot_s", "s"),
    E2E_S("e2e_s", "s"),
    OUTPUT_TOKENS_PER_S("output_tokens_per_s", "tokens/s"),
    THROUGHPUT_TOKENS_PER_S("throughput_tokens_per_s", "tokens/s");

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
