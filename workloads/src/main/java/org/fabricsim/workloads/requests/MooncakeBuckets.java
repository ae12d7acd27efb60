package org.fabricsim.workloads.requests;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Undoes timestamp bucketing: the requests sharing one recorded timestamp t are spread uniformly at
 * random over [t, min(t + bucketS, next recorded timestamp)) and sorted, so arrivals stay in order
 * and inside their bucket. (The Mooncake conversation trace records arrivals in ~3 s buckets.)
 */
final class MooncakeBuckets {
    private MooncakeBuckets() {
    }

    /** Spreads the sorted times {@code t} in place. */
    static void spread(double[] t, double bucketS, RandomGenerator random) {
        int i = 0;
        while (i < t.length) {
            int j = i;
            while (j < t.length && t[j] == t[i]) {
                j++;
            }
            double start = t[i];
            double width = j < t.length ? Math.min(bucketS, t[j] - start) : bucketS;
            for (int k = i; k < j; k++) {
                t[k] = start + random.nextDouble() * width;
            }
            Arrays.sort(t, i, j);
            i = j;
        }
    }
}
