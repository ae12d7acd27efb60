package org.fabricsim.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    private static double[] draw(RandomStreams r, String name) {
        double[] d = new double[8];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.stream(name).nextDouble();
        }
        return d;
    }

    @Test
    void stream_sameSeedAndName_sameDrawsWhateverOtherStreamsExist() {
        RandomStreams a = new RandomStreams(7);
        double[] alone = draw(a, "arrivals");
        RandomStreams b = new RandomStreams(7);
        draw(b, "moe-routing");
        b.stream("lengths").nextGaussian();
        assertArrayEquals(alone, draw(b, "arrivals"));
    }

    @Test
    void stream_differentNamesOrSeeds_differentDraws() {
        assertFalse(Arrays.equals(draw(new RandomStreams(7), "a"), draw(new RandomStreams(7), "b")));
        assertFalse(Arrays.equals(draw(new RandomStreams(7), "a"), draw(new RandomStreams(8), "a")));
        // DSOL's MersenneTwister uses only the low 31 bits: seeds 1 and 1 + 2^31 must still differ here.
        assertFalse(Arrays.equals(draw(new RandomStreams(1), "a"), draw(new RandomStreams(1L + (1L << 31)), "a")));
    }
}
