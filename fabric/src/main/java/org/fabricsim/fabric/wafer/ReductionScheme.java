package org.fabricsim.fabric.wafer;

/**
 * How partial sums are reduced along a line of n cores and the result broadcast back (an all-reduce on
 * one mesh dimension). PLMR terms (WaferLLM, OSDI'25): alpha = cycles per hop, beta = cycles per
 * reduction stage at a core.
 */
public enum ReductionScheme {
    /** Naive chain: the partial sum walks the line, every core adds its own: (n-1)(alpha + beta) + broadcast. */
    CHAIN,
    /**
     * MeshGEMV's two-level (K = 2) tree: chains inside groups of ~sqrt(n) cores run in parallel, then the
     * group roots chain: about alpha n + 2 sqrt(n) beta, plus the broadcast back.
     */
    TWO_LEVEL,
    /**
     * The two-level tree run from both ends of the line towards a root in its middle (mesh links carry both
     * directions at once), and the result multicast outwards both ways: the two halves reduce in parallel,
     * their roots meet in one more hop and stage, and the multicast covers half the line, so the critical
     * path has about half the hops of {@link #TWO_LEVEL}'s root at one end.
     */
    BIDIRECTIONAL;

    /** Parses a scenario value: "chain" or "two_level" (also "meshgemv"). */
    public static ReductionScheme parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "chain", "naive" -> CHAIN;
            case "two_level", "two-level", "meshgemv" -> TWO_LEVEL;
            case "bidirectional" -> BIDIRECTIONAL;
            default -> throw new IllegalArgumentException("reduction: must be chain, two_level or bidirectional, got " + s);
        };
    }

    /** Reduction stages (cores that add and forward) on the critical path over n cores. */
    public int stages(int n) {
        if (n <= 1) {
            return 0;
        }
        if (this == CHAIN) {
            return n - 1;
        }
        if (this == BIDIRECTIONAL) {
            return TWO_LEVEL.stages(half(n)) + 1;
        }
        int g = groupSize(n);
        int groups = (n + g - 1) / g;
        return (g - 1) + (groups - 1);
    }

    /** Hops on the critical path of the reduction (to the root) over n cores. */
    public int reduceHops(int n) {
        if (n <= 1) {
            return 0;
        }
        if (this == CHAIN) {
            return n - 1;
        }
        if (this == BIDIRECTIONAL) {
            return TWO_LEVEL.reduceHops(half(n)) + 1;
        }
        int g = groupSize(n);
        int groups = (n + g - 1) / g;
        return (g - 1) + (groups - 1) * g;
    }

    /** Hops on the critical path of multicasting the result from the root back to all n cores. */
    public int broadcastHops(int n) {
        if (n <= 1) {
            return 0;
        }
        return this == BIDIRECTIONAL ? n / 2 : n - 1;
    }

    /** The larger of the two halves a bidirectional reduction splits a line of n into. */
    private static int half(int n) {
        return (n + 1) / 2;
    }

    /**
     * Critical-path cycles of reducing over n cores and multicasting the result back to all n, without
     * the serialisation of the vector itself (that is carried by the link flows).
     */
    public double allReduceCycles(int n, double hopCycles, double stageCycles) {
        if (n <= 1) {
            return 0;
        }
        return (reduceHops(n) + broadcastHops(n)) * hopCycles + stages(n) * stageCycles;
    }

    static int groupSize(int n) {
        return Math.max(1, (int) Math.ceil(Math.sqrt(n)));
    }
}
