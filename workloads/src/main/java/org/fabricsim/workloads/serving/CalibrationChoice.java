package org.fabricsim.workloads.serving;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fabricsim.fabric.api.Hardware;

/**
 * A system's calibration set: a named set of the calibration catalog ({@code calibration: default},
 * {@code kernels: peak}) or one derived from it ({@code {base: default, bytes_in_flight_per_sm: 32768}}).
 * {@link #resolved} fills in every value, so a recorded scenario holds exactly the constants it ran with.
 *
 * @param base   the catalog set the values not given come from
 * @param values values by field name (booleans as 0 and 1); after {@link #resolved}, every field of the kind
 */
public record CalibrationChoice(String base, Map<String, Double> values) {

    public CalibrationChoice {
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("base: required (a calibration set's name)");
        }
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The catalog set of this name, as it is. */
    public static CalibrationChoice named(String base) {
        return new CalibrationChoice(base, Map.of());
    }

    /** This choice with every field of {@code kind} filled in from its base; unknown bases and keys are refused. */
    public CalibrationChoice resolved(String kind) {
        return new CalibrationChoice(base, Hardware.builtIn().calibration(kind, base, values));
    }

    /** Whether a value differs from the base set's. */
    public boolean derived(String kind) {
        return !Hardware.builtIn().calibration(kind, base, Map.of()).equals(resolved(kind).values);
    }

    /** Written as {base: NAME, field: value, ...}. */
    @JsonValue
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base", base);
        m.putAll(values);
        return m;
    }
}
