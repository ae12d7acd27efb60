package org.fabricsim.workloads.wafer;

import java.util.Arrays;
import org.fabricsim.fabric.api.MeshWork;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.workloads.model.LayerSpec;

/**
 * A layer's attention block for each step, its phases but the attention itself kept per (part, token count): input,
 * norm, projections and o depend on the step only through its token count, the attention phase on each sequence's
 * context. Building those GEMV phases anew for every layer of every pass was a tenth of a wafer run.
 */
final class AttentionBlocks {
    private final int hidden;
    private final LayerWork.AttentionShape[][] shapes;

    AttentionBlocks(int hidden, int parts) {
        this.hidden = hidden;
        this.shapes = new LayerWork.AttentionShape[parts][0];
    }

    /** The attention block of layer {@code spec} on part {@code part} (region {@code r}) for the step's tokens. */
    MeshWork work(LayerSpec spec, int part, Region r, LayerWork.Tokens t) {
        int tokens = t.tokens();
        if (tokens >= shapes[part].length) {
            shapes[part] = Arrays.copyOf(shapes[part], Math.max(tokens + 1, 2 * shapes[part].length));
        }
        LayerWork.AttentionShape a = shapes[part][tokens];
        if (a == null) {
            a = LayerWork.attentionShape(spec, hidden, r, tokens);
            shapes[part][tokens] = a;
        }
        return new MeshWork(a.block(LayerWork.attention(spec, r, t)));
    }
}
