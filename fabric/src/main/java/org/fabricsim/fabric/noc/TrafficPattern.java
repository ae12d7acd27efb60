package org.fabricsim.fabric.noc;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Synthetic destination patterns on a cols x rows mesh (node = y * cols + x), as defined in Dally and
 * Towles ch. 3 and used by BookSim: uniform random (every node, the source included, equally likely),
 * transpose ((x, y) to (y, x)), bit-complement ((x, y) to (cols-1-x, rows-1-y), the bitwise complement
 * of the node index when the sides are powers of two) and hotspot (a fraction of packets to a few hot
 * nodes, the rest uniform).
 */
public interface TrafficPattern {

    /** The pattern's name as written in a config ("uniform", "transpose", "bit_complement", "hotspot"). */
    String name();

    /** Draws the destination of a packet from {@code src}. */
    int destination(int src, RandomGenerator rng);

    /** Probability that a packet from {@code src} goes to {@code dst}. */
    double probability(int src, int dst);

    /** Mean number of hops of a packet under this pattern with every node injecting equally (XY routes). */
    default double meanHops(int cols, int rows) {
        int n = cols * rows;
        double sum = 0;
        for (int s = 0; s < n; s++) {
            for (int d = 0; d < n; d++) {
                double p = probability(s, d);
                if (p > 0) {
                    sum += p * CycleLevelMesh.hops(s % cols, s / cols, d % cols, d / cols);
                }
            }
        }
        return sum / n;
    }

    static TrafficPattern uniform(int cols, int rows) {
        int n = nodes(cols, rows);
        return new TrafficPattern() {
            public String name() {
                return "uniform";
            }

            public int destination(int src, RandomGenerator rng) {
                return rng.nextInt(n);
            }

            public double probability(int src, int dst) {
                return 1.0 / n;
            }
        };
    }

    static TrafficPattern transpose(int cols, int rows) {
        nodes(cols, rows);
        if (cols != rows) {
            throw new IllegalArgumentException("transpose: needs a square mesh, got " + cols + " x " + rows);
        }
        return deterministic("transpose", s -> (s % cols) * cols + s / cols);
    }

    static TrafficPattern bitComplement(int cols, int rows) {
        nodes(cols, rows);
        return deterministic("bit_complement", s -> (rows - 1 - s / cols) * cols + (cols - 1 - s % cols));
    }

    /** A {@code fraction} of packets go to one of {@code hotNodes} (uniformly), the rest uniformly to all nodes. */
    static TrafficPattern hotspot(int cols, int rows, int[] hotNodes, double fraction) {
        int n = nodes(cols, rows);
        if (hotNodes == null || hotNodes.length == 0) {
            throw new IllegalArgumentException("hotspot.nodes: at least one hot node is required");
        }
        int[] hot = hotNodes.clone();
        for (int h : hot) {
            if (h < 0 || h >= n) {
                throw new IllegalArgumentException("hotspot.nodes: node " + h + " is outside the " + cols + " x " + rows + " mesh");
            }
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("hotspot.fraction: must be in 0..1, got " + fraction);
        }
        double[] share = new double[n];
        for (int h : hot) {
            share[h] += fraction / hot.length;
        }
        return new TrafficPattern() {
            public String name() {
                return "hotspot";
            }

            public int destination(int src, RandomGenerator rng) {
                return rng.nextDouble() < fraction ? hot[rng.nextInt(hot.length)] : rng.nextInt(n);
            }

            public double probability(int src, int dst) {
                return (1 - fraction) / n + share[dst];
            }
        };
    }

    /** The pattern by config name; {@code hotNodes} and {@code hotFraction} are used by "hotspot" only. */
    static TrafficPattern named(String name, int cols, int rows, int[] hotNodes, double hotFraction) {
        return switch (name) {
            case "uniform" -> uniform(cols, rows);
            case "transpose" -> transpose(cols, rows);
            case "bit_complement" -> bitComplement(cols, rows);
            case "hotspot" -> hotspot(cols, rows, hotNodes, hotFraction);
            default -> throw new IllegalArgumentException(
                    "traffic: unknown pattern '" + name + "'; patterns: uniform, transpose, bit_complement, hotspot");
        };
    }

    private static int nodes(int cols, int rows) {
        if (cols < 1 || rows < 1 || (long) cols * rows > 1 << 20) {
            throw new IllegalArgumentException("mesh: cols and rows must be >= 1 and at most 2^20 nodes, got " + cols + " x " + rows);
        }
        return cols * rows;
    }

    private static TrafficPattern deterministic(String name, java.util.function.IntUnaryOperator map) {
        return new TrafficPattern() {
            public String name() {
                return name;
            }

            public int destination(int src, RandomGenerator rng) {
                return map.applyAsInt(src);
            }

            public double probability(int src, int dst) {
                return map.applyAsInt(src) == dst ? 1 : 0;
            }
        };
    }
}
