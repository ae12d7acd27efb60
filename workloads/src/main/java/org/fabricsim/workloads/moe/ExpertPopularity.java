package org.fabricsim.workloads.moe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How often each routed expert is chosen, as relative weights: uniform, Zipf with exponent s (expert
 * i has weight 1 / (i + 1)^s, so expert 0 is the hottest), or measured per-expert counts from a file
 * (one non-negative number per line, or comma separated). Bound from a scenario's {@code moe_routing}.
 *
 * @param distribution uniform | zipf | counts
 * @param exponent     Zipf exponent s (> 0) for zipf
 * @param countsFile   path of the per-expert counts for counts (relative to the scenario file)
 */
public record ExpertPopularity(String distribution, Double exponent, String countsFile) {
    /** Largest Zipf exponent: expert 1's weight over expert 2's is then 2^10 = 1,024. */
    public static final double MAX_ZIPF_EXPONENT = 10;
    public static final List<String> DISTRIBUTIONS = List.of("uniform", "zipf", "counts");
    public static final ExpertPopularity UNIFORM = new ExpertPopularity("uniform", null, null);

    public ExpertPopularity {
        distribution = distribution == null ? "uniform" : distribution;
        if (!DISTRIBUTIONS.contains(distribution)) {
            throw new IllegalArgumentException("distribution: must be one of " + DISTRIBUTIONS + ", got '" + distribution + "'");
        }
        // measured MoE routing skews fit exponents of ~0.5-2; beyond MAX_ZIPF_EXPONENT the tail weights underflow
        if (distribution.equals("zipf") && (exponent == null || !(exponent > 0 && exponent <= MAX_ZIPF_EXPONENT))) {
            throw new IllegalArgumentException("exponent: zipf needs an exponent > 0 and <= " + (int) MAX_ZIPF_EXPONENT
                    + ", got " + exponent);
        }
        if (distribution.equals("counts") && (countsFile == null || countsFile.isBlank())) {
            throw new IllegalArgumentException("counts_file: required for distribution counts");
        }
    }

    /** This popularity with a relative counts file resolved against {@code baseDir} (the scenario file's directory). */
    public ExpertPopularity resolvedAgainst(Path baseDir) {
        if (countsFile == null || baseDir == null || Path.of(countsFile).isAbsolute()) {
            return this;
        }
        return new ExpertPopularity(distribution, exponent, baseDir.resolve(countsFile).normalize().toString());
    }

    /** Relative weight of each of {@code experts} experts. */
    public double[] weights(int experts, Path baseDir) {
        double[] w = new double[experts];
        switch (distribution) {
            case "uniform" -> java.util.Arrays.fill(w, 1.0);
            case "zipf" -> {
                for (int i = 0; i < experts; i++) {
                    w[i] = Math.pow(i + 1, -exponent);
                }
            }
            default -> {
                Path file = baseDir == null ? Path.of(countsFile) : baseDir.resolve(countsFile);
                double[] counts = readCounts(file);
                if (counts.length != experts) {
                    throw new IllegalArgumentException("counts_file: " + file + " has " + counts.length
                            + " counts but the model has " + experts + " routed experts");
                }
                w = counts;
            }
        }
        return w;
    }

    private static double[] readCounts(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("counts_file: cannot read " + file + ": " + e.getMessage(), e);
        }
        String[] parts = text.trim().split("[,\\s]+");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("counts_file: " + file + ": entry " + (i + 1) + " '" + parts[i]
                        + "' is not a number", e);
            }
            if (!(out[i] >= 0) || Double.isInfinite(out[i])) {
                throw new IllegalArgumentException("counts_file: " + file + ": entry " + (i + 1) + " must be >= 0, got "
                        + parts[i]);
            }
        }
        return out;
    }
}
