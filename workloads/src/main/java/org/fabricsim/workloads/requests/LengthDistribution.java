package org.fabricsim.workloads.requests;

import java.util.List;
import java.util.function.IntSupplier;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.UniformIntegerDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A synthetic token-length distribution ({@code prompt_length:} / {@code output_length:}).
 * Lognormal draws are rounded to the nearest integer and clamped to [min, max], which puts the
 * clipped tail mass at the bounds (a model choice: simple and visible, unlike silent resampling).
 *
 * @param distribution fixed | uniform | lognormal
 * @param tokens       fixed: the length
 * @param min          uniform: lowest length (inclusive); lognormal: clamp floor, default 1
 * @param max          uniform: highest length (inclusive); lognormal: clamp ceiling, default 1,048,576
 * @param mean         lognormal: mean of the unclamped distribution (give mean or median)
 * @param median       lognormal: median of the unclamped distribution, exp(mu)
 * @param sigma        lognormal: standard deviation of ln(length)
 */
public record LengthDistribution(String distribution, Integer tokens, Integer min, Integer max, Double mean,
        Double median, Double sigma) {
    public static final List<String> KINDS = List.of("fixed", "uniform", "lognormal");
    /** Default lognormal ceiling: 2^20 tokens, beyond any model context in the catalog. */
    public static final int DEFAULT_MAX_TOKENS = 1 << 20;

    public LengthDistribution {
        if (distribution == null || !KINDS.contains(distribution)) {
            throw new IllegalArgumentException("distribution: must be one of " + KINDS + ", got "
                    + (distribution == null ? "nothing" : "'" + distribution + "'"));
        }
        switch (distribution) {
            case "fixed" -> {
                only("fixed", true, min, max, mean, median, sigma);
                if (tokens == null || tokens < 1 || tokens > org.fabricsim.workloads.serving.Bounds.MAX_TOKENS) {
                    throw new IllegalArgumentException("tokens: a fixed length must be in 1.."
                            + org.fabricsim.workloads.serving.Bounds.MAX_TOKENS + ", got " + tokens);
                }
            }
            case "uniform" -> {
                only("uniform", tokens == null, mean, median, sigma);
                if (min == null || max == null || min < 1 || max < min || max > org.fabricsim.workloads.serving.Bounds.MAX_TOKENS) {
                    throw new IllegalArgumentException("min, max: a uniform length needs 1 <= min <= max, got min "
                            + min + ", max " + max);
                }
            }
            default -> {
                only("lognormal", tokens == null);
                min = min == null ? 1 : min;
                max = max == null ? DEFAULT_MAX_TOKENS : max;
                if (min < 1 || max < min || max > org.fabricsim.workloads.serving.Bounds.MAX_TOKENS) {
                    throw new IllegalArgumentException("min, max: need 1 <= min <= max, got min " + min + ", max " + max);
                }
                if ((mean == null) == (median == null)) {
                    throw new IllegalArgumentException("mean, median: a lognormal length needs exactly one of them");
                }
                Double m = mean != null ? mean : median;
                if (!(m > 0 && m <= org.fabricsim.workloads.serving.Bounds.MAX_TOKENS)) {
                    throw new IllegalArgumentException((mean != null ? "mean" : "median") + ": must be > 0 and <= "
                            + org.fabricsim.workloads.serving.Bounds.MAX_TOKENS + " tokens, got " + m);
                }
                if (sigma == null || !(sigma > 0) || sigma.isInfinite() || sigma > 10) {
                    throw new IllegalArgumentException("sigma: a lognormal length needs 0 < sigma <= 10, got " + sigma);
                }
            }
        }
    }

    private static void only(String kind, boolean tokensOk, Object... others) {
        boolean extra = !tokensOk;
        for (Object o : others) {
            extra |= o != null;
        }
        if (extra) {
            throw new IllegalArgumentException("a " + kind + " length takes only "
                    + switch (kind) {
                        case "fixed" -> "tokens";
                        case "uniform" -> "min and max";
                        default -> "mean or median, sigma, min and max";
                    });
        }
    }

    public static LengthDistribution fixed(int tokens) {
        return new LengthDistribution("fixed", tokens, null, null, null, null, null);
    }

    /** ln-space location mu: ln(median), or ln(mean) - sigma^2 / 2. */
    double mu() {
        return median != null ? Math.log(median) : Math.log(mean) - sigma * sigma / 2;
    }

    /** Draws lengths from {@code random}. */
    public IntSupplier sampler(RandomGenerator random) {
        return switch (distribution) {
            case "fixed" -> {
                int t = tokens;
                yield () -> t;
            }
            case "uniform" -> {
                UniformIntegerDistribution d = new UniformIntegerDistribution(random, min, max);
                yield d::sample;
            }
            default -> {
                LogNormalDistribution d = new LogNormalDistribution(random, mu(), sigma,
                        LogNormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
                int lo = min;
                int hi = max;
                yield () -> (int) Math.max(lo, Math.min(hi, Math.round(d.sample())));
            }
        };
    }
}
