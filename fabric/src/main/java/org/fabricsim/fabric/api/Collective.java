package org.fabricsim.fabric.api;

/**
 * A communication pattern over a group of units. The arrays of a collective are read while it runs, so
 * the caller keeps them unchanged until {@code done}.
 */
public sealed interface Collective permits Collective.ScatterCompute, Collective.AllReduce, Collective.AllToAll,
        Collective.AllToAllCompute {
    /**
     * Unit {@code root} sends {@code bytes[k]} to each of the first {@code count} {@code units[k]}, each runs
     * {@code work[k]} as soon as its input has arrived and its earlier work is done, and the results come
     * back to the root: the routed and shared experts of an MoE layer. The arrays are read when the
     * collective starts and again when its bytes have left the root.
     */
    record ScatterCompute(int root, int[] units, long[] bytes, MeshWork[] work, int count) implements Collective {
        public ScatterCompute {
            if (count < 1 || count > units.length || count > bytes.length || count > work.length) {
                throw new IllegalArgumentException("count: must be in [1, " + units.length + "], got " + count);
            }
        }
    }

    /**
     * Sums a buffer of {@code bytes} held by every unit of the group and leaves the sum on each: a
     * tensor-parallel group's partial activations. The fabric picks how (ring, tree, in-switch reduction).
     */
    record AllReduce(int[] units, long bytes) implements Collective {
        public AllReduce {
            if (units.length == 0) {
                throw new IllegalArgumentException("units: must not be empty");
            }
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes: must be >= 0, got " + bytes);
            }
        }
    }

    /** Unit {@code units[i]} sends {@code bytes[i][j]} to unit {@code units[j]}, every pair at once. */
    record AllToAll(int[] units, long[][] bytes) implements Collective {
        public AllToAll {
            requireSquare("bytes", bytes, units.length);
        }
    }

    /**
     * An expert-parallel exchange: every unit {@code units[i]} sends {@code dispatch[i][j]} to unit
     * {@code units[j]}; once every dispatch has arrived each unit {@code units[j]} runs {@code work[j]} (the
     * experts it holds), and once the slowest is done it sends {@code combine[j][i]} back to {@code units[i]}.
     */
    record AllToAllCompute(int[] units, long[][] dispatch, Work[] work, long[][] combine) implements Collective {
        public AllToAllCompute {
            requireSquare("dispatch", dispatch, units.length);
            requireSquare("combine", combine, units.length);
            if (work.length != units.length) {
                throw new IllegalArgumentException("work: needs one entry per unit (" + units.length + "), got "
                        + work.length);
            }
        }
    }

    private static void requireSquare(String field, long[][] bytes, int n) {
        if (n == 0) {
            throw new IllegalArgumentException("units: must not be empty");
        }
        if (bytes.length != n) {
            throw new IllegalArgumentException(field + ": must be " + n + " x " + n + ", got " + bytes.length + " rows");
        }
    }
}
