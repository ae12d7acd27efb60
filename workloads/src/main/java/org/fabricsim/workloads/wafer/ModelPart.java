package org.fabricsim.workloads.wafer;

import java.util.List;
import org.fabricsim.workloads.model.MatrixSpec;

/**
 * A piece of a model that gets a region of its own.
 *
 * @param label           e.g. "layer 12", "layer 12 expert 301", "lm_head"
 * @param kind            what it is
 * @param layer           layer index, -1 for the embedding and lm_head
 * @param expert          expert index for experts, else -1
 * @param matrices        weight matrices held (all experts' share excluded)
 * @param kvBytesPerToken KV-cache bytes per token of context held here (0 but for layers)
 */
public record ModelPart(String label, PartKind kind, int layer, int expert, List<MatrixSpec> matrices,
        long kvBytesPerToken) {
    public ModelPart {
        matrices = List.copyOf(matrices);
    }

    public long weightBytes() {
        long b = 0;
        // by index: placing Kimi K2.6 asks this of its ~23,000 parts several times over, and an iterator each
        // time makes ~4 MB of garbage a placement
        for (int i = 0; i < matrices.size(); i++) {
            b += matrices.get(i).bytes();
        }
        return b;
    }

    /**
     * Activation buffer bytes per core on an r x c region: the input and output slices (FP32) of the
     * largest matrix, per token of the batch; the matrices run one after another and reuse the buffers.
     */
    public long activationBytesPerCore(int rows, int cols, int batchTokens) {
        long words = 0;
        for (int i = 0; i < matrices.size(); i++) {
            MatrixSpec m = matrices.get(i);
            words = Math.max(words, ceilDiv(m.cols(), cols) + ceilDiv(m.rows(), rows));
        }
        return 4L * batchTokens * words;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
