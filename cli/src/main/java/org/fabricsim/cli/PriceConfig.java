package org.fabricsim.cli;

/**
 * What a system costs, as a scenario states it (docs/economics.md): an hourly price (a cloud rental, power included),
 * or a capital cost written off over its years of service plus the electricity its metered energy takes. Nothing is
 * assumed: a system with no price has no cost metric.
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

    /** The inputs of every priced system of a scenario, by system name. */
    static java.util.Map<String, Object> inputs(Scenario s) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        s.prices().forEach((system, price) -> m.put(system, price.inputs()));
        return m;
    }
}
