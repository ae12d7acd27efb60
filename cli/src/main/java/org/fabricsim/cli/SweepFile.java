package org.fabricsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A sweep file as written: the base scenario (a path relative to the sweep file, or the scenario
 * inline), optional seed and replications overriding the base's, and the axes of the grid.
 *
 * @param name  names the default output directory; defaults to the sweep file's name without extension
 */
record SweepFile(String name, JsonNode base, Long seed, Integer replications, List<Axis> axes) {

    SweepFile {
        if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("name: letters, digits, '.', '_' and '-' only, got '" + name + "'");
        }
        if (base == null || !(base.isTextual() || base.isObject())) {
            throw new IllegalArgumentException("base: required, a scenario file path or an inline scenario");
        }
        if (replications != null && (replications < 1 || replications > 10_000)) {
            throw new IllegalArgumentException("replications: must be in 1..10000, got " + replications);
        }
        if (axes == null || axes.isEmpty()) {
            throw new IllegalArgumentException("axes: at least one axis is required");
        }
        for (int a = 0; a < axes.size(); a++) {
            if (axes.get(a) == null) {
                throw new IllegalArgumentException("axes[" + a + "]: empty entry; an axis is {path: ..., values: [...]}");
            }
        }
        axes = List.copyOf(axes);
    }

    /**
     * One axis of the grid.
     *
     * @param path    the scenario key it sets, e.g. {@code systems[0].serving.batch_limit}
     * @param name    its column in sweep.csv; defaults to the path's last key
     * @param values  the values it takes, in order
     * @param with    keys set together with it: the k-th value of each with the axis's k-th (e.g. a benchmark's
     *                prompt count that grows with its concurrency); none by default
     */
    record Axis(String path, String name, List<JsonNode> values, List<Companion> with) {
        Axis {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("path: required, e.g. workload.rate_per_s");
            }
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("values: at least one value is required for '" + path + "'");
            }
            values = List.copyOf(values);
            if (name != null && !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("name: letters, digits and '_' only, got '" + name + "'");
            }
            with = with == null ? List.of() : List.copyOf(with);
            for (int c = 0; c < with.size(); c++) {
                Companion w = with.get(c);
                if (w == null) {
                    throw new IllegalArgumentException("with[" + c + "]: empty entry; a companion is"
                            + " {path: ..., values: [...]}");
                }
                if (w.values().size() != values.size()) {
                    throw new IllegalArgumentException("with[" + c + "] (" + w.path() + "): " + w.values().size()
                            + " values for the axis's " + values.size() + "; value k goes with the axis's value k");
                }
            }
        }
    }

    /**
     * A key set together with an axis.
     *
     * @param path   the scenario key it sets
     * @param values one per value of the axis, in the same order
     */
    record Companion(String path, List<JsonNode> values) {
        Companion {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("path: required, e.g. workload.requests");
            }
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("values: one per value of the axis is required for '" + path + "'");
            }
            values = List.copyOf(values);
        }
    }
}
