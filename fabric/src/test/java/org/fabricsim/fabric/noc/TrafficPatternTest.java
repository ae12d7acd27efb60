package org.fabricsim.fabric.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class TrafficPatternTest {

    @Test
    void uniform_meanHopsIsTwiceMeanOneDimensionalDistance() {
        for (int k : new int[] {4, 8, 16}) {
            // E|x1 - x2| for x1, x2 uniform on 0..k-1 is (k^2 - 1) / (3k)
            assertEquals(2.0 * (k * k - 1) / (3.0 * k), TrafficPattern.uniform(k, k).meanHops(k, k), 1e-9);
        }
    }

    @Test
    void bitComplement_meanHopsIsK_everyPacketCrossesBothBisections() {
        for (int k : new int[] {4, 8, 16}) {
            assertEquals(k, TrafficPattern.bitComplement(k, k).meanHops(k, k), 1e-9);
        }
    }

    @Test
    void transpose_isAnInvolutionFixingTheDiagonal() {
        int k = 8;
        TrafficPattern t = TrafficPattern.transpose(k, k);
        for (int n = 0; n < k * k; n++) {
            assertEquals(n, t.destination(t.destination(n, null), null));
        }
        assertEquals(3 * k + 3, t.destination(3 * k + 3, null));
        assertEquals(2 * k + 5, t.destination(5 * k + 2, null));
    }

    @Test
    void hotspot_probabilitiesSumToOneAndHotNodeGetsItsShare() {
        int k = 4;
        TrafficPattern h = TrafficPattern.hotspot(k, k, new int[] {5}, 0.5);
        double sum = 0;
        for (int d = 0; d < k * k; d++) {
            sum += h.probability(0, d);
        }
        assertEquals(1.0, sum, 1e-12);
        assertEquals(0.5 + 0.5 / 16, h.probability(0, 5), 1e-12);
        Well19937c rng = new Well19937c(7);
        int hits = 0, draws = 100_000;
        for (int i = 0; i < draws; i++) {
            hits += h.destination(0, rng) == 5 ? 1 : 0;
        }
        assertEquals(0.5 + 0.5 / 16, hits / (double) draws, 0.01);
    }

    @Test
    void named_unknownPattern_listsThePatterns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrafficPattern.named("tornado", 4, 4, null, 0));
        assertEquals(true, e.getMessage().contains("bit_complement"));
    }
}
