package org.fabricsim.cli;

import org.fabricsim.workloads.serving.PlacementCache;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * What a system costs (docs/economics.md): an hourly price (a cloud rental, power included), or a capital cost
 * written off over its years of service plus the electricity its metered energy takes. A scenario's {@code prices:}
 * states it; a system it leaves out is priced from its hardware's {@code usd_per_hour} (per GPU, wafer system or
 * roofline accelerator, sourced in hardware.yaml) times the chips it occupies, and a system whose hardware has no
 * price has no cost metric.
 *
 * @param usdPerHour        hourly price of the whole system, US dollars
 * @param capitalUsd        purchase price of the whole system, US dollars
 * @param amortizationYears years the capital is written off over (straight line, around the clock)
 * @param usdPerKwh         electricity price, US dollars per kWh (with capital_usd)
 */
public record PriceConfig(Double usdPerHour, Double capitalUsd, Double amortizationYears, Double usdPerKwh) {
    /** Hours in a year of service around the clock (365.25 days). */
    static final double HOURS_PER_YEAR = 8766;

    public PriceConfig {
        boolean hourly = usdPerHour != null;
        boolean capital = capitalUsd != null || amortizationYears != null || usdPerKwh != null;
        if (hourly == capital) {
            throw new IllegalArgumentException("give usd_per_hour, or capital_usd with amortization_years and usd_per_kwh");
        }
        if (hourly && !(usdPerHour > 0 && usdPerHour <= 1e6)) {
            throw new IllegalArgumentException("usd_per_hour: must be in (0, 1e6], got " + usdPerHour);
        }
        if (capital) {
            if (capitalUsd == null || amortizationYears == null || usdPerKwh == null) {
                throw new IllegalArgumentException("capital_usd, amortization_years and usd_per_kwh: give all three");
            }
            if (!(capitalUsd > 0 && capitalUsd <= 1e10)) {
                throw new IllegalArgumentException("capital_usd: must be in (0, 1e10], got " + capitalUsd);
            }
            if (!(amortizationYears > 0 && amortizationYears <= 30)) {
                throw new IllegalArgumentException("amortization_years: must be in (0, 30], got " + amortizationYears);
            }
            if (!(usdPerKwh >= 0 && usdPerKwh <= 10)) {
                throw new IllegalArgumentException("usd_per_kwh: must be in [0, 10], got " + usdPerKwh);
            }
        }
    }

    /** US dollars for {@code spanS} seconds of service that used {@code joules} (NaN joules: unknown energy). */
    double usd(double spanS, double joules) {
        double hours = spanS / 3600;
        if (usdPerHour != null) {
            return usdPerHour * hours;
        }
        return capitalUsd / (amortizationYears * HOURS_PER_YEAR) * hours + joules / 3.6e6 * usdPerKwh;
    }

    /** The price as summary.json records it: the inputs given, in scenario keys, and the formula applied. */
    java.util.Map<String, Object> inputs() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        if (usdPerHour != null) {
            m.put("usd_per_hour", usdPerHour);
            m.put("formula", "usd_per_hour x span_h");
        } else {
            m.put("capital_usd", capitalUsd);
            m.put("amortization_years", amortizationYears);
            m.put("usd_per_kwh", usdPerKwh);
            m.put("formula", "capital_usd / (amortization_years x 8766 h) x span_h + energy_kwh x usd_per_kwh");
        }
        m.put("unit", "USD per million output tokens");
        return m;
    }

    /**
     * The price system {@code c} of scenario {@code s} runs at: the scenario's {@code prices:} entry, else its hardware's
     * hourly price with its disaggregated prefill hardware's (null when either has none).
     */
    static PriceConfig of(Scenario s, SystemConfig c, PlacementCache placements) {
        PriceConfig given = s.prices().get(c.name());
        if (given != null) {
            return given;
        }
        Double usd = c.usdPerHour(ScenarioRunner.model(c), ScenarioRunner.draft(c), placements);
        if (usd != null && c.serving().prefill() != null) {
            SystemConfig p = c.serving().prefill().system();
            Double prefill = p.usdPerHour(ScenarioRunner.model(p), null, placements);
            usd = prefill == null ? null : usd + prefill;
        }
        return usd == null ? null : new PriceConfig(usd, null, null, null);
    }

    /** The inputs of every priced system of a scenario, by system name, with where each price comes from. */
    static java.util.Map<String, Object> inputs(Scenario s, PlacementCache placements) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (SystemConfig c : s.systems()) {
            PriceConfig price = of(s, c, placements);
            if (price != null) {
                java.util.Map<String, Object> in = price.inputs();
                in.put("from", s.prices().containsKey(c.name()) ? "prices"
                        : "hardware usd_per_hour x " + c.chips(ScenarioRunner.model(c), ScenarioRunner.draft(c), placements)
                                + " chip(s)" + (c.serving().prefill() == null ? "" : ", prefill system's included"));
                m.put(c.name(), in);
            }
        }
        return m;
    }
}
