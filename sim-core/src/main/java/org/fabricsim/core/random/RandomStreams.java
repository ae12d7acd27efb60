package org.fabricsim.core.random;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Named random streams of one run. Each stream's generator is seeded from (run seed, stream name)
 * only, so a stream draws the same numbers whatever other streams exist or in which order they were
 * created. Uses Commons Math's WELL19937c seeded with 624 words expanded by SplitMix64, which avoids
 * DSOL's MersenneTwister (31-bit seeds, synchronized).
 */
public final class RandomStreams {
    private final long seed;
    private final Map<String, RandomGenerator> streams = new HashMap<>();

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The stream with this name, created on first use. */
    public RandomGenerator stream(String name) {
        return streams.computeIfAbsent(name, n -> new Well19937c(seedWords(seed, n)));
    }

    /** A seed for a derived run (e.g. replication r of a sweep point), independent of the parent's streams. */
    public static long derive(long seed, String name) {
        return mix(seed ^ mix(fnv1a(name)));
    }

    static int[] seedWords(long seed, String name) {
        long state = derive(seed, name);
        int[] words = new int[624];
        for (int i = 0; i < words.length; i += 2) {
            state += 0x9E3779B97F4A7C15L;
            long z = mix(state);
            words[i] = (int) z;
            if (i + 1 < words.length) {
                words[i + 1] = (int) (z >>> 32);
            }
        }
        return words;
    }

    /** SplitMix64 finaliser (Steele, Lea, Flood 2014). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
