package org.fabricsim.workloads.moe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.fabricsim.core.random.RandomStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpertRouterTest {

    @Test
    void route_picksDistinctExperts() {
        ExpertRouter r = new ExpertRouter(ExpertPopularity.UNIFORM.weights(384, null), 8, new RandomStreams(1).stream("m"));
        int[] out = new int[8];
        for (int t = 0; t < 10_000; t++) {
            r.route(out);
            for (int i = 0; i < 8; i++) {
                for (int j = i + 1; j < 8; j++) {
                    assertTrue(out[i] != out[j]);
                }
            }
        }
    }

    @Test
    void uniform_choicesPassChiSquareAndTotalKPerToken() {
        int experts = 64;
        ExpertRouter r = new ExpertRouter(ExpertPopularity.UNIFORM.weights(experts, null), 4, new RandomStreams(2).stream("m"));
        int[] counts = new int[experts];
        r.routeTokens(50_000, counts);
        long total = 0;
        long[] observed = new long[experts];
        double[] expected = new double[experts];
        for (int e = 0; e < experts; e++) {
            total += counts[e];
            observed[e] = counts[e];
            expected[e] = 50_000.0 * 4 / experts;
        }
        assertEquals(200_000, total);
        assertTrue(new ChiSquareTest().chiSquareTest(expected, observed) > 0.001);
    }

    @Test
    void zipf_singleChoice_matchesWeights() {
        // with k = 1 there is no without-replacement correction: frequencies follow 1/(i+1)^s exactly
        double[] w = new ExpertPopularity("zipf", 1.2, null).weights(16, null);
        ExpertRouter r = new ExpertRouter(w, 1, new RandomStreams(3).stream("m"));
        int[] counts = new int[16];
        r.routeTokens(200_000, counts);
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        double[] expected = new double[16];
        long[] observed = new long[16];
        for (int i = 0; i < 16; i++) {
            expected[i] = 200_000 * w[i] / sum;
            observed[i] = counts[i];
        }
        assertTrue(new ChiSquareTest().chiSquareTest(expected, observed) > 0.001);
        assertTrue(counts[0] > counts[15] * 20);
    }

    @Test
    void counts_fromFile_andBadFilesRefused(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c.txt");
        Files.writeString(f, "0\n0\n5\n5\n");
        double[] w = new ExpertPopularity("counts", null, "c.txt").weights(4, tmp);
        ExpertRouter r = new ExpertRouter(w, 2, new RandomStreams(4).stream("m"));
        int[] counts = new int[4];
        r.routeTokens(100, counts);
        assertEquals(0, counts[0] + counts[1]);
        assertEquals(100, counts[2]);
        assertThrows(IllegalArgumentException.class, () -> new ExpertRouter(w, 3, new RandomStreams(4).stream("m")));
        Files.writeString(f, "1\nx\n");
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ExpertPopularity("counts", null, "c.txt").weights(2, tmp));
        assertTrue(e.getMessage().contains("entry 2"), e.getMessage());
    }

    @Test
    void aggregateCounts_haveTheMeanAndSpreadOfTokenByTokenRouting() {
        // a prefill chunk's counts drawn at once must look like the same chunk routed token by token:
        // same total, and per expert the same mean and (within the without-replacement correction) variance
        double[] w = new ExpertPopularity("zipf", 0.8, null).weights(64, null);
        int tokens = 512;
        int rounds = 400;
        ExpertRouter aggregate = new ExpertRouter(w, 4, new RandomStreams(5).stream("a"));
        ExpertRouter exact = new ExpertRouter(w, 4, new RandomStreams(5).stream("b"));
        double[][] a = new double[2][64];
        double[][] b = new double[2][64];
        int[] one = new int[4];
        for (int r = 0; r < rounds; r++) {
            int[] ca = new int[64];
            aggregate.routeTokens(tokens, ca);
            int[] cb = new int[64];
            for (int t = 0; t < tokens; t++) {
                exact.route(one);
                for (int e : one) {
                    cb[e]++;
                }
            }
            assertEquals(tokens * 4, java.util.Arrays.stream(ca).sum());
            for (int e = 0; e < 64; e++) {
                a[0][e] += ca[e];
                a[1][e] += (double) ca[e] * ca[e];
                b[0][e] += cb[e];
                b[1][e] += (double) cb[e] * cb[e];
            }
        }
        for (int e : new int[] {0, 1, 10, 63}) {
            double meanA = a[0][e] / rounds;
            double meanB = b[0][e] / rounds;
            double varA = a[1][e] / rounds - meanA * meanA;
            double varB = b[1][e] / rounds - meanB * meanB;
            // the mean of 400 draws has a standard error of sqrt(var / 400): allow 5 of them plus the
            // inclusion estimate's own error (~2%)
            assertEquals(meanB, meanA, 5 * Math.sqrt(varB / rounds) + 0.02 * meanB, "mean of expert " + e);
            assertEquals(varB, varA, 0.25 * varB, "variance of expert " + e);
        }
    }

    @Test
    void aggregateCounts_uniformPassChiSquare() {
        ExpertRouter r = new ExpertRouter(ExpertPopularity.UNIFORM.weights(384, null), 8, new RandomStreams(6).stream("m"));
        int[] counts = new int[384];
        for (int i = 0; i < 100; i++) {
            r.routeTokens(1_000, counts);
        }
        long[] observed = new long[384];
        double[] expected = new double[384];
        for (int e = 0; e < 384; e++) {
            observed[e] = counts[e];
            expected[e] = 100 * 1_000.0 * 8 / 384;
        }
        assertEquals(800_000, java.util.Arrays.stream(counts).sum());
        assertTrue(new ChiSquareTest().chiSquareTest(expected, observed) > 0.001);
    }
}
