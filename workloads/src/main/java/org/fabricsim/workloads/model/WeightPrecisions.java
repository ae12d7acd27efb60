package org.fabricsim.workloads.model;

import java.util.Map;
import java.util.Objects;

/**
 * Storage precision of each part of a model's weights (quantized checkpoints mix them).
 *
 * @param denseFfnByLayer the dense FFN's precision in the layers where it is not {@code denseFfn}, by layer index
 *                        (Meta's FP8 Llama 3.1 405B leaves its first and last layers' FFN in BF16)
 */
public record WeightPrecisions(Precision attention, Precision denseFfn, Precision routedExperts,
        Precision sharedExperts, Precision router, Precision embedding, Precision lmHead,
        Map<Integer, Precision> denseFfnByLayer) {

    public WeightPrecisions {
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(denseFfn, "denseFfn");
        Objects.requireNonNull(routedExperts, "routedExperts");
        Objects.requireNonNull(sharedExperts, "sharedExperts");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(embedding, "embedding");
        Objects.requireNonNull(lmHead, "lmHead");
        denseFfnByLayer = Map.copyOf(denseFfnByLayer);
    }

    /** Every layer's dense FFN at {@code denseFfn}. */
    public WeightPrecisions(Precision attention, Precision denseFfn, Precision routedExperts, Precision sharedExperts,
            Precision router, Precision embedding, Precision lmHead) {
        this(attention, denseFfn, routedExperts, sharedExperts, router, embedding, lmHead, Map.of());
    }

    /** The dense FFN's precision in layer {@code index}. */
    public Precision denseFfn(int index) {
        return denseFfnByLayer.getOrDefault(index, denseFfn);
    }

    /** Every part at one precision. */
    public static WeightPrecisions uniform(Precision precision) {
        return new WeightPrecisions(precision, precision, precision, precision, precision, precision, precision);
    }

    /**
     * Every projection and expert matrix at {@code linear}; the router, embedding and LM head in BF16
     * (as in DeepSeek-V3's and Kimi K2's FP8 checkpoints).
     */
    public static WeightPrecisions linear(Precision linear) {
        return new WeightPrecisions(linear, linear, linear, linear, Precision.BF16, Precision.BF16, Precision.BF16);
    }

    /** The same with the routed experts at another precision (INT4 Kimi K2.6, MXFP4 gpt-oss). */
    public WeightPrecisions withRoutedExperts(Precision precision) {
        return new WeightPrecisions(attention, denseFfn, precision, sharedExperts, router, embedding, lmHead,
                denseFfnByLayer);
    }

    /** The same with another LM-head precision. */
    public WeightPrecisions withLmHead(Precision precision) {
        return new WeightPrecisions(attention, denseFfn, routedExperts, sharedExperts, router, embedding, precision,
                denseFfnByLayer);
    }
}
