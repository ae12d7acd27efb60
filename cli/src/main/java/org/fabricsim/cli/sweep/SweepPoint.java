package org.fabricsim.cli.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * One point of a sweep: its index in grid order (first axis slowest), the value of each axis as
 * text, and its scenario with every default filled in (YAML), so that it can run anywhere (a Spark
 * executor included) without the sweep's files.
 */
public record SweepPoint(int index, List<String> values, String scenarioYaml) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SweepPoint {
        if (index < 0) {
            throw new IllegalArgumentException("index: must be >= 0, got " + index);
        }
        values = List.copyOf(values);
        if (scenarioYaml == null || scenarioYaml.isBlank()) {
            throw new IllegalArgumentException("scenarioYaml: required");
        }
    }

    /** The point's directory name under {@code points/}: p0000, p0001, ... */
    public String dirName() {
        return String.format("p%04d", index);
    }
}
