package org.fabricsim.workloads.model;

import java.util.List;

/**
 * Grouped-query attention: q, k, v, o projections, {@code kvHeads} K and V heads shared by groups of
 * query heads, optionally a sliding window on every {@code slidingWindowEvery}-th layer (index % every == 0,
 * as gpt-oss alternates sliding and full layers starting with a sliding one).
 *
 * @param slidingWindowTokens window length, 0 for full attention on every layer
 * @param slidingWindowEvery  period of the windowed layers (1 = every layer); ignored without a window
 */
public record GqaAttention(int heads, int kvHeads, int headDim, int slidingWindowTokens, int slidingWindowEvery)
        implements AttentionConfig {

    public GqaAttention {
        if (heads < 1) {
            throw new IllegalArgumentException("heads: must be >= 1, got " + heads);
        }
        if (kvHeads < 1 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("kvHeads: must be >= 1 and divide heads (" + heads + "), got "
                    + kvHeads);
        }
        if (headDim < 1) {
            throw new IllegalArgumentException("headDim: must be >= 1, got " + headDim);
        }
        if (slidingWindowTokens < 0) {
            throw new IllegalArgumentException("slidingWindowTokens: must be >= 0, got " + slidingWindowTokens);
        }
        if (slidingWindowEvery < 1) {
            throw new IllegalArgumentException("slidingWindowEvery: must be >= 1, got " + slidingWindowEvery);
        }
    }

    /** Full attention on every layer. */
    public GqaAttention(int heads, int kvHeads, int headDim) {
        this(heads, kvHeads, headDim, 0, 1);
    }

    @Override
    public List<MatrixSpec> matrices(int hiddenSize, Precision precision) {
        int qWidth = heads * headDim;
        int kvWidth = kvHeads * headDim;
        return List.of(
                new MatrixSpec("q", qWidth, hiddenSize, precision),
                new MatrixSpec("k", kvWidth, hiddenSize, precision),
                new MatrixSpec("v", kvWidth, hiddenSize, precision),
                new MatrixSpec("o", hiddenSize, qWidth, precision));
    }

    /** K and V of every KV head: 2 x kvHeads x headDim. */
    @Override
    public long kvElementsPerToken() {
        return 2L * kvHeads * headDim;
    }

    /** q.k (2 headDim) and p.v (2 headDim) per query head: 4 x heads x headDim. */
    @Override
    public long flopsPerContextToken() {
        return 2L * heads * headDim * 2;
    }

    @Override
    public int windowTokens(int layerIndex) {
        return slidingWindowTokens > 0 && layerIndex % slidingWindowEvery == 0 ? slidingWindowTokens : 0;
    }
}
