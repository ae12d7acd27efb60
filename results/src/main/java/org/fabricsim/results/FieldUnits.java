package org.fabricsim.results;

/**
 * The unit a snake_case field's name carries, one rule for the scenario reader and the plots: {@code _s}
 * seconds, {@code _bytes} bytes, {@code _bytes_per_s} and {@code bandwidth} bytes/s, {@code _hz} and {@code clock}
 * hertz, {@code _flops_per_s} and {@code peak_flops} FLOP/s, {@code _watts} watts. A swept axis named so is written in that unit and
 * plotted with it.
 */
public final class FieldUnits {
    /** An axis's display unit: the symbol and what a value in the field's unit is divided by to read in it. */
    public record Display(String symbol, double divisor) {
    }

    private FieldUnits() {
    }

    /** "time", "bytes", "rate", "frequency" or "flops" for a field name; null if the name carries no unit. */
    public static String dimensionOf(String field) {
        if (field == null) {
            return null;
        }
        if (field.endsWith("_bytes_per_s") || field.endsWith("bandwidth")) {
            return "rate";
        }
        if (field.endsWith("_flops_per_s") || field.startsWith("peak_flops")) {
            return "flops";
        }
        if (field.endsWith("_bytes")) {
            return "bytes";
        }
        if (field.endsWith("_watts")) {
            return "power";
        }
        if (field.endsWith("_hz") || field.equals("clock")) {
            return "frequency";
        }
        if (field.endsWith("_s")) {
            return "time";
        }
        return null;
    }

    /** The unit to show values up to {@code largest} of a field in (TB/s for 12e12 bytes/s); null if it has none. */
    public static Display display(String field, double largest) {
        String d = dimensionOf(field);
        if (d == null) {
            return null;
        }
        double a = Math.abs(largest);
        return switch (d) {
            case "rate" -> a >= 1e12 ? new Display("TB/s", 1e12) : a >= 1e9 ? new Display("GB/s", 1e9)
                    : new Display("MB/s", 1e6);
            case "flops" -> a >= 1e15 ? new Display("PFLOP/s", 1e15) : new Display("TFLOP/s", 1e12);
            case "bytes" -> a >= 1e9 ? new Display("GB", 1e9) : a >= 1e6 ? new Display("MB", 1e6)
                    : new Display("B", 1);
            case "frequency" -> a >= 1e9 ? new Display("GHz", 1e9) : new Display("MHz", 1e6);
            case "power" -> a >= 1e3 ? new Display("kW", 1e3) : new Display("W", 1);
            default -> a >= 1 ? new Display("s", 1) : a >= 1e-3 ? new Display("ms", 1e-3) : new Display("us", 1e-6);
        };
    }
}
