package org.fabricsim.results;

import java.util.Arrays;
import java.util.List;

/**
 * The k-th smallest of values spread over stores, by radix select on their bits: a non-negative double's
 * bits order as the value does, so four passes of 16 bits each, every pass counting only the values whose
 * higher bits match what the earlier passes chose, find the exact sample in memory of 64 Ki counts a rank.
 */
final class RadixSelect {
    private static final int DIGIT_BITS = 16;
    private static final int DIGITS = 1 << DIGIT_BITS;

    private RadixSelect() {
    }

    /** The values of 0-based {@code ranks} among every value of {@code stores} (all >= 0). */
    static double[] select(List<ValueStore> stores, long[] ranks) {
        int m = ranks.length;
        long[] prefix = new long[m];
        long[] rest = ranks.clone();
        long[][] counts = new long[m][DIGITS];
        for (int shift = Long.SIZE - DIGIT_BITS; shift >= 0; shift -= DIGIT_BITS) {
            int sh = shift;
            // the bits above this digit, already chosen (none on the first pass)
            long high = shift == Long.SIZE - DIGIT_BITS ? 0 : -1L << (shift + DIGIT_BITS);
            for (long[] c : counts) {
                Arrays.fill(c, 0);
            }
            for (ValueStore s : stores) {
                s.read((values, n) -> {
                    for (int i = 0; i < n; i++) {
                        long key = key(values[i]);
                        int digit = (int) ((key >>> sh) & (DIGITS - 1));
                        for (int j = 0; j < m; j++) {
                            if ((key & high) == prefix[j]) {
                                counts[j][digit]++;
                            }
                        }
                    }
                });
            }
            for (int j = 0; j < m; j++) {
                long below = 0;
                int d = 0;
                while (below + counts[j][d] <= rest[j]) {
                    below += counts[j][d];
                    d++;
                }
                rest[j] -= below;
                prefix[j] |= (long) d << shift;
            }
        }
        double[] out = new double[m];
        for (int j = 0; j < m; j++) {
            out[j] = Double.longBitsToDouble(prefix[j]);
        }
        return out;
    }

    /** The bits of a value >= 0, -0.0 counted as 0.0. */
    private static long key(double v) {
        return Double.doubleToRawLongBits(v) & Long.MAX_VALUE;
    }
}
