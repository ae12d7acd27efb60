package org.fabricsim.workloads.moe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpertLayoutTest {
    private static final double[] ZIPF_16 = new ExpertPopularity("zipf", 1.0, null).weights(16, null);

    /** H_n = 1 + 1/2 + ... + 1/n, the normaliser of Zipf(1) over n experts. */
    private static double harmonic(int n) {
        double h = 0;
        for (int i = 1; i <= n; i++) {
            h += 1.0 / i;
        }
        return h;
    }

    @Test
    void hottestExperts_getOneExtraCopyEach_chosenByPopularity_tiesToTheLowerIndex() {
        ExpertLayout l = ExpertLayout.of(new double[] {1, 3, 3, 2}, 3);
        assertEquals(7, l.copies());
        assertEquals(3, l.replicas());
        assertEquals(1, l.copiesOf(0));
        // 3 and 3 tie: expert 1 before expert 2; then expert 3 (weight 2)
        assertEquals(1, l.expertOf(4));
        assertEquals(2, l.expertOf(5));
        assertEquals(3, l.expertOf(6));
        ExpertLayout uniform = ExpertLayout.of(new double[] {1, 1, 1, 1}, 2);
        assertEquals(2, uniform.copiesOf(0));
        assertEquals(2, uniform.copiesOf(1));
        assertEquals(1, uniform.copiesOf(2));
    }

    @Test
    void copyShares_sumToOne_andAReplicatedExpertsShareIsHalvedOverItsCopies() {
        ExpertLayout l = ExpertLayout.of(ZIPF_16, 5);
        double sum = 0;
        for (int c = 0; c < l.copies(); c++) {
            sum += l.share(c);
        }
        assertEquals(1.0, sum, 1e-12);
        // expert 0 of Zipf(1) over 16 is chosen with probability 1 / H_16; each copy takes half
        assertEquals(0.5 / harmonic(16), l.share(l.copy(0, 0)), 1e-12);
        assertEquals(0.5 / harmonic(16), l.share(l.copy(0, 1)), 1e-12);
    }

    @Test
    void zipfReplicas_lowerTheHottestCopysShare_toHalfTheHottestOrTheNextUnreplicated() {
        double h = harmonic(16);
        assertEquals(1.0 / h, ExpertLayout.of(ZIPF_16, 0).maxShare(), 1e-12);
        // with N hottest replicated the busiest copy is max(half of expert 0, all of expert N): 1/2 vs 1/(N+1)
        assertEquals(0.5 / h, ExpertLayout.of(ZIPF_16, 1).maxShare(), 1e-12);
        assertEquals(0.5 / h, ExpertLayout.of(ZIPF_16, 4).maxShare(), 1e-12);
        double[] steep = new ExpertPopularity("zipf", 2.0, null).weights(16, null);
        double h2 = 0;
        for (double w : steep) {
            h2 += w;
        }
        // s = 2: expert 1 has 1/4 of expert 0's weight, so halving expert 0 leaves it the busiest at 1/2
        assertEquals(0.5 / h2, ExpertLayout.of(steep, 1).maxShare(), 1e-12);
        assertEquals(1.0 / h2, ExpertLayout.of(steep, 0).maxShare(), 1e-12);
    }

    @Test
    void split_conservesEveryToken_andEvensACopysShareToWithinOneToken() {
        ExpertLayout l = ExpertLayout.of(ZIPF_16, 6);
        ReplicaSplitter s = l.splitter();
        SplittableRandom random = new SplittableRandom(11);
        for (int step = 0; step < 1000; step++) {
            int[] perExpert = new int[16];
            long in = 0;
            for (int e = 0; e < 16; e++) {
                perExpert[e] = random.nextInt(50);
                in += perExpert[e];
            }
            int[] perCopy = new int[l.copies()];
            s.split(perExpert, perCopy);
            long out = 0;
            for (int e = 0; e < 16; e++) {
                int ofExpert = 0;
                int min = Integer.MAX_VALUE;
                int max = 0;
                for (int k = 0; k < l.copiesOf(e); k++) {
                    int t = perCopy[l.copy(e, k)];
                    ofExpert += t;
                    min = Math.min(min, t);
                    max = Math.max(max, t);
                }
                assertEquals(perExpert[e], ofExpert, "expert " + e + " at step " + step);
                assertTrue(max - min <= 1, "expert " + e + ": copies got " + min + " and " + max);
                out += ofExpert;
            }
            assertEquals(in, out);
        }
    }

    @Test
    void oneTokenPerStep_theCopiesTakeTurns_insteadOfTheOriginalTakingEveryToken() {
        ExpertLayout l = ExpertLayout.of(ZIPF_16, 1);
        ReplicaSplitter counted = l.splitter();
        ReplicaSplitter streamed = l.splitter();
        int[] perCopy = new int[l.copies()];
        int[] streamedPerCopy = new int[l.copies()];
        for (int step = 0; step < 1000; step++) {
            // batch 1: the hottest expert gets the step's single token
            int[] perExpert = new int[16];
            perExpert[0] = 1;
            counted.split(perExpert, perCopy);
            streamedPerCopy[streamed.copyFor(0)]++;
        }
        assertEquals(500, perCopy[l.copy(0, 0)]);
        assertEquals(500, perCopy[l.copy(0, 1)]);
        assertEquals(500, streamedPerCopy[l.copy(0, 0)]);
        assertEquals(500, streamedPerCopy[l.copy(0, 1)]);
    }

    @Test
    void moreReplicasThanExperts_isRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExpertLayout.of(ZIPF_16, 17));
        assertTrue(e.getMessage().startsWith("hot_replicas:") && e.getMessage().contains("17"), e.getMessage());
    }

    @Test
    void placementPolicy_unknownOrNegative_isRefusedNamingTheFieldAndValue() {
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> new ExpertPlacement("roundrobin", null));
        assertTrue(p.getMessage().startsWith("policy:") && p.getMessage().contains("'roundrobin'"), p.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> new ExpertPlacement(null, -1));
        assertTrue(n.getMessage().startsWith("hot_replicas:") && n.getMessage().contains("-1"), n.getMessage());
        assertEquals(new ExpertPlacement("contiguous", 0), ExpertPlacement.DEFAULT);
    }
}
