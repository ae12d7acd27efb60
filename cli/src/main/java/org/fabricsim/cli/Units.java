package org.fabricsim.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fabricsim.results.FieldUnits;

/**
 * Human units at the scenario boundary: "2us", "400Gbps", "48KiB", "3.35TB/s", "1.1GHz". A bare
 * number is already in the field's unit; a string with a unit is converted to the unit the field's
 * name carries ({@link FieldUnits}) and
 * refused if the dimensions differ.
 */
final class Units {
    private static final Pattern QUANTITY = Pattern.compile("\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([A-Za-zµ/]+)\\s*");

    private record Unit(String dimension, double factor) {
    }

    /** Unit symbols, case-sensitive where case matters (Gb/s is bits, GB/s bytes). */
    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("s", new Unit("time", 1)),
            Map.entry("ms", new Unit("time", 1e-3)),
            Map.entry("us", new Unit("time", 1e-6)),
            Map.entry("µs", new Unit("time", 1e-6)),
            Map.entry("ns", new Unit("time", 1e-9)),
            Map.entry("ps", new Unit("time", 1e-12)),
            Map.entry("B", new Unit("bytes", 1)),
            Map.entry("KB", new Unit("bytes", 1e3)),
            Map.entry("kB", new Unit("bytes", 1e3)),
            Map.entry("MB", new Unit("bytes", 1e6)),
            Map.entry("GB", new Unit("bytes", 1e9)),
            Map.entry("TB", new Unit("bytes", 1e12)),
            Map.entry("PB", new Unit("bytes", 1e15)),
            Map.entry("KiB", new Unit("bytes", 1024.0)),
            Map.entry("MiB", new Unit("bytes", 1048576.0)),
            Map.entry("GiB", new Unit("bytes", 1073741824.0)),
            Map.entry("TiB", new Unit("bytes", 1099511627776.0)),
            Map.entry("B/s", new Unit("rate", 1)),
            Map.entry("KB/s", new Unit("rate", 1e3)),
            Map.entry("kB/s", new Unit("rate", 1e3)),
            Map.entry("MB/s", new Unit("rate", 1e6)),
            Map.entry("GB/s", new Unit("rate", 1e9)),
            Map.entry("TB/s", new Unit("rate", 1e12)),
            Map.entry("PB/s", new Unit("rate", 1e15)),
            Map.entry("bps", new Unit("rate", 1 / 8.0)),
            Map.entry("b/s", new Unit("rate", 1 / 8.0)),
            Map.entry("Kbps", new Unit("rate", 1e3 / 8)),
            Map.entry("kbps", new Unit("rate", 1e3 / 8)),
            Map.entry("Mbps", new Unit("rate", 1e6 / 8)),
            Map.entry("Gbps", new Unit("rate", 1e9 / 8)),
            Map.entry("Tbps", new Unit("rate", 1e12 / 8)),
            Map.entry("Kb/s", new Unit("rate", 1e3 / 8)),
            Map.entry("Mb/s", new Unit("rate", 1e6 / 8)),
            Map.entry("Gb/s", new Unit("rate", 1e9 / 8)),
            Map.entry("Tb/s", new Unit("rate", 1e12 / 8)),
            Map.entry("Pb/s", new Unit("rate", 1e15 / 8)),
            Map.entry("W", new Unit("power", 1)),
            Map.entry("kW", new Unit("power", 1e3)),
            Map.entry("MW", new Unit("power", 1e6)),
            Map.entry("Hz", new Unit("frequency", 1)),
            Map.entry("kHz", new Unit("frequency", 1e3)),
            Map.entry("MHz", new Unit("frequency", 1e6)),
            Map.entry("GHz", new Unit("frequency", 1e9)),
            Map.entry("FLOPS", new Unit("flops", 1)),
            Map.entry("GFLOPS", new Unit("flops", 1e9)),
            Map.entry("TFLOPS", new Unit("flops", 1e12)),
            Map.entry("PFLOPS", new Unit("flops", 1e15)),
            Map.entry("FLOP/s", new Unit("flops", 1)),
            Map.entry("GFLOP/s", new Unit("flops", 1e9)),
            Map.entry("TFLOP/s", new Unit("flops", 1e12)),
            Map.entry("PFLOP/s", new Unit("flops", 1e15)));

    private Units() {
    }

    /** The dimension a snake_case field name carries, or null if it carries none. */
    static String dimensionOf(String field) {
        return FieldUnits.dimensionOf(field);
    }

    /** Parses {@code text} for {@code field}: a plain number, or a quantity whose unit matches the field. */
    static double parse(String field, String text) {
        String t = text.trim();
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException notPlain) {
            // fall through to a quantity with a unit
        }
        Matcher m = QUANTITY.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is neither a number nor a quantity like 2us, 400Gbps, 48KiB");
        }
        String u = m.group(2);
        Unit unit = UNITS.get(u);
        if (unit == null) {
            throw new IllegalArgumentException("unknown unit '" + u + "' in '" + text + "'");
        }
        String wanted = dimensionOf(field);
        if (wanted == null) {
            throw new IllegalArgumentException("'" + text + "': this field takes a plain number, not a quantity with a unit");
        }
        if (!wanted.equals(unit.dimension())) {
            throw new IllegalArgumentException("'" + text + "' is a " + unit.dimension() + " but this field takes a " + wanted);
        }
        return Double.parseDouble(m.group(1)) * unit.factor();
    }
}
