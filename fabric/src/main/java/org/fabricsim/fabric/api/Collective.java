package org.fabricsim.fabric.api;

/** A communication pattern over a group of units. */
public sealed interface Collective permits Collective.ScatterCompute {
    /**
     * Unit {@code root} sends {@code bytes[k]} to each of the first {@code count} {@code units[k]}, each runs
     * {@code work[k]} as soon as its input has arrived and its earlier work is done, and the results come
     * back to the root: the routed and shared experts of an MoE layer. The arrays are read when the
     * collective starts and again when its bytes have left the root, so the caller keeps them unchanged
     * until {@code done}.
     */
    record ScatterCompute(int root, int[] units, long[] bytes, MeshWork[] work, int count) implements Collective {
        public ScatterCompute {
            if (count < 1 || count > units.length || count > bytes.length || count > work.length) {
                throw new IllegalArgumentException("count: must be in [1, " + units.length + "], got " + count);
            }
        }
    }
}
