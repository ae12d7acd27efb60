package org.fabricsim.fabric.gpu;

import java.util.Locale;

/** How an all-reduce is built from flows. */
public enum AllReduceAlgorithm {
    /** Each GPU sends 2(n-1)/n of the data to its ring neighbour over 2(n-1) steps (reduce-scatter + all-gather). */
    RING,
    /** Reduce up a binary tree and broadcast down it: 2 ceil(log2 n) steps, the whole buffer on every tree edge. */
    TREE,
    /** NVLink SHARP inside one NVSwitch node: each GPU sends its buffer up and gets the sum back, 2 steps. */
    NVLS,
    /** NVLS inside a node, otherwise the faster of ring and tree for the message size (as NCCL's tuner). */
    AUTO;

    public static AllReduceAlgorithm named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("all_reduce: must be ring, tree, nvls or auto, got " + name);
        }
    }
}
