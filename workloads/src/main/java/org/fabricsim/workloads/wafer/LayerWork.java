package org.fabricsim.workloads.wafer;

import java.util.ArrayList;
import java.util.List;
import org.fabricsim.fabric.api.MeshAxis;
import org.fabricsim.fabric.api.MeshPhase;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.MatrixSpec;

/**
 * Turns a model part and a step's tokens into the mesh phases its region runs: MeshGEMV-style
 * matrix-vector products (each core multiplies its tile, partial sums are all-reduced along one mesh
 * dimension, alternating so no transpose is needed), RMSNorm reductions, attention over the KV cache the
 * region's cores hold. Activations are BF16 on the wire; partial sums FP32.
 */
public final class LayerWork {
    private static final int ACTIVATION_BYTES = 2;
    private static final int PARTIAL_SUM_BYTES = 4;
    /**
     * Bytes of the running sum a core reads from its SRAM per multiply-accumulate: a core's GEMV is a stream
     * of AXPYs (out[0..n) += w[k][0..n) * x[k] for each input element k; WaferLLM's decode kernel,
     * github MeshInfra/WaferLLM Decode/WSE-2/src/decode.csl, vecmat_computation: one @fmach per input
     * element over a 16-bit output slice held in SRAM), so each MAC reads its weight and its 16-bit
     * running sum and writes the sum back. With the two 64-bit read ports and one 64-bit write port per
     * core this is the "full-performance AXPY" of the Cerebras architecture deep dive (HC34, IEEE Micro
     * 43(3)): 4 x (2 B weight + 2 B sum) read and 4 x 2 B written per cycle, exactly the WSE-2's 4-wide
     * FP16 SIMD. A multi-token pass reads each weight once but reads and writes every token's sum per MAC.
     */
    static final int ACCUMULATOR_BYTES = 2;
    private static final double OPERAND_BITS = 16;

    private LayerWork() {
    }

    /**
     * The tokens of a step.
     *
     * @param tokens        new tokens in the step (all sequences)
     * @param logitTokens   tokens that need logits (decode: all new tokens; prefill: the last of each)
     * @param newTokens     new tokens per sequence
     * @param contextTokens cached context per sequence before this step
     */
    public record Tokens(int tokens, int logitTokens, int[] newTokens, int[] contextTokens) {
        /** KV-cache bytes the layer reads for the step (each sequence's attended context and new tokens). */
        long kvBytesRead(LayerSpec l) {
            long b = 0;
            for (int i = 0; i < newTokens.length; i++) {
                b += l.kvBytes(contextTokens[i] + newTokens[i]);
            }
            return b;
        }

        /**
         * Vector instructions of the step's attention on the layer: a score (dot product) and a weighted-value
         * AXPY per head per (new token, attended context token) pair, from the step's attention FLOPs on the layer.
         */
        static long attentionInstructions(LayerSpec l, long attentionFlops) {
            long perPairFlops = l.attentionFlopsPerContextToken();
            return perPairFlops == 0 ? 0 : attentionFlops / perPairFlops * 2L * l.attentionHeads();
        }

        /** Attention FLOPs (scores and weighted values, causal, windowed) of the step on the layer. */
        long attentionFlops(LayerSpec l) {
            long f = 0;
            for (int i = 0; i < newTokens.length; i++) {
                f += l.attentionFlopsForTokens(newTokens[i], contextTokens[i]);
            }
            return f;
        }
    }

    /** Phases of a layer region: input, norm, attention projections, attention, o, norm, FFN or router. */
    public static List<MeshPhase> layer(LayerSpec l, int hidden, Region r, Tokens t) {
        List<MeshPhase> all = new ArrayList<>(attentionBlock(l, hidden, r, t));
        all.addAll(ffnBlock(l, hidden, r, t));
        return all;
    }

    /**
     * The layer's work as the blocks its region serves one at a time (attention, then FFN or router): a
     * region interleaves the blocks of steps in flight, so concurrent steps share its cores and links.
     */
    public static List<List<MeshPhase>> layerBlocks(LayerSpec l, int hidden, Region r, Tokens t) {
        return List.of(attentionBlock(l, hidden, r, t), ffnBlock(l, hidden, r, t));
    }

    static List<MeshPhase> attentionBlock(LayerSpec l, int hidden, Region r, Tokens t) {
        return attentionShape(l, hidden, r, t.tokens()).block(attention(l, r, t));
    }

    /**
     * The phases of a layer's attention block other than the attention itself (input, norm, projections; o), which
     * depend on the step only through its token count.
     */
    record AttentionShape(MeshPhase[] before, MeshPhase o) {
        /** The block: these phases with the step's attention phase between the projections and o. */
        List<MeshPhase> block(MeshPhase attention) {
            MeshPhase[] all = java.util.Arrays.copyOf(before, before.length + 2);
            all[before.length] = attention;
            all[before.length + 1] = o;
            return List.of(all);
        }
    }

    static AttentionShape attentionShape(LayerSpec l, int hidden, Region r, int tok) {
        List<MeshPhase> out = new ArrayList<>();
        out.add(input(hidden, r, tok));
        out.add(norm(hidden, r, tok));
        List<MatrixSpec> att = l.attention();
        MatrixSpec o = att.get(att.size() - 1);
        List<MatrixSpec> first = new ArrayList<>();
        List<MatrixSpec> second = new ArrayList<>();
        for (MatrixSpec m : att.subList(0, att.size() - 1)) {
            (m.cols() == hidden ? first : second).add(m);
        }
        if (!first.isEmpty()) {
            out.add(gemv("attention projections", first, r, tok, MeshAxis.ROWS));
        }
        if (!second.isEmpty()) {
            out.add(gemv("attention up-projections", second, r, tok, MeshAxis.COLUMNS));
        }
        return new AttentionShape(out.toArray(MeshPhase[]::new), gemv("o", List.of(o), r, tok, MeshAxis.ROWS));
    }

    /** The attention phase of a step on a layer region: scores and weighted values over each sequence's KV cache. */
    static MeshPhase attention(LayerSpec l, Region r, Tokens t) {
        long n = r.cores();
        int tok = t.tokens();
        List<MatrixSpec> att = l.attention();
        MatrixSpec o = att.get(att.size() - 1);
        long kvBytes = t.kvBytesRead(l);
        long attFlops = t.attentionFlops(l);
        long attLine = ceilDiv((long) PARTIAL_SUM_BYTES * tok * o.cols(), r.cols()) + 8L * tok;
        // scores and weighted values are AXPYs over the cached tokens too: a running sum read per MAC
        long attSums = ACCUMULATOR_BYTES * (attFlops / 2);
        return new MeshPhase("attention", MeshAxis.COLUMNS, true, attLine, ceilDiv(kvBytes + attSums, n),
                ceilDiv(attSums, n), ceilDiv(attFlops, n), OPERAND_BITS, ceilDiv(Tokens.attentionInstructions(l, attFlops), n));
    }

    static List<MeshPhase> ffnBlock(LayerSpec l, int hidden, Region r, Tokens t) {
        return ffnBlock(l, hidden, r, t.tokens());
    }

    /** The FFN block for {@code tok} tokens: it depends on the step only through its token count. */
    static List<MeshPhase> ffnBlock(LayerSpec l, int hidden, Region r, int tok) {
        List<MeshPhase> out = new ArrayList<>();
        out.add(norm(hidden, r, tok));
        List<MatrixSpec> ffn = l.denseFfn();
        if (!ffn.isEmpty()) {
            out.addAll(ffn(ffn, hidden, r, tok));
        }
        if (l.moe() != null && l.moe().router() != null) {
            out.add(gemv("router", List.of(l.moe().router()), r, tok, MeshAxis.ROWS));
        }
        return out;
    }

    /** Phases of an expert region for the tokens routed to it: input multicast, gate/up, down. */
    public static List<MeshPhase> expert(List<MatrixSpec> ffn, int hidden, Region r, int tokens) {
        List<MeshPhase> out = new ArrayList<>();
        out.add(input(hidden, r, tokens));
        out.addAll(ffn(ffn, hidden, r, tokens));
        return out;
    }

    /** Phases of the lm_head region: input, final norm, vocabulary GEMV, argmax over the vocabulary. */
    public static List<MeshPhase> lmHead(MatrixSpec head, int hidden, Region r, Tokens t) {
        List<MeshPhase> out = new ArrayList<>();
        out.add(input(hidden, r, t.tokens()));
        out.add(norm(hidden, r, t.logitTokens()));
        out.add(gemv("lm_head", List.of(head), r, t.logitTokens(), MeshAxis.ROWS));
        out.add(new MeshPhase("sample", MeshAxis.COLUMNS, true, 8L * t.logitTokens(), 0, 0, OPERAND_BITS));
        return out;
    }

    /** The embedding lookup: each token's row is read where it is stored. */
    public static List<MeshPhase> embedding(int hidden, Region r, int tokens) {
        long perCore = ceilDiv((long) tokens * hidden * ACTIVATION_BYTES, r.cores());
        return List.of(new MeshPhase("embedding lookup", MeshAxis.NONE, false, 0, perCore, 0, OPERAND_BITS));
    }

    /** Bytes of the hidden-state vectors of a step. */
    public static long activationBytes(int hidden, int tokens) {
        return (long) ACTIVATION_BYTES * hidden * tokens;
    }

    private static List<MeshPhase> ffn(List<MatrixSpec> ffn, int hidden, Region r, int tok) {
        List<MatrixSpec> in = new ArrayList<>();
        List<MatrixSpec> outM = new ArrayList<>();
        for (MatrixSpec m : ffn) {
            (m.cols() == hidden ? in : outM).add(m);
        }
        List<MeshPhase> out = new ArrayList<>();
        if (!in.isEmpty()) {
            out.add(gemv("gate/up", in, r, tok, MeshAxis.COLUMNS));
        }
        if (!outM.isEmpty()) {
            out.add(gemv("down", outM, r, tok, MeshAxis.ROWS));
        }
        return out;
    }

    static MeshPhase input(int hidden, Region r, int tokens) {
        return new MeshPhase("input", MeshAxis.BOTH, false,
                ceilDiv(activationBytes(hidden, tokens), r.rows()), 0, 0, OPERAND_BITS);
    }

    static MeshPhase norm(int hidden, Region r, int tokens) {
        // sum of squares over the hidden vector: 2 FLOPs per element, then scaling: 1 per element
        long flops = 3L * hidden * tokens;
        return new MeshPhase("norm", MeshAxis.BOTH, true, (long) PARTIAL_SUM_BYTES * tokens, 0,
                ceilDiv(flops, r.cores()), OPERAND_BITS);
    }

    /**
     * One GEMV (or a set of independent ones on the same input, fused): every core reads its tile of
     * each matrix once, does 2 FLOPs per weight per token as AXPYs (reading and writing a 16-bit running
     * sum per MAC, {@link #ACCUMULATOR_BYTES}), and partial sums of the outputs are all-reduced along
     * {@code axis}; a line carries its share of the outputs. A core's tile of a matrix holds its line's
     * share of the outputs and the other dimension's share of the inputs; it issues one AXPY per input
     * element of the tile per token, each as long as the tile is tall.
     */
    static MeshPhase gemv(String label, List<MatrixSpec> ms, Region r, int tokens, MeshAxis axis) {
        long bytes = 0;
        long params = 0;
        long outputs = 0;
        for (MatrixSpec m : ms) {
            bytes += m.bytes();
            params += m.params();
            outputs += m.rows();
        }
        long n = r.cores();
        int lines = axis == MeshAxis.ROWS ? r.rows() : r.cols();
        int inputLines = axis == MeshAxis.ROWS ? r.cols() : r.rows();
        long instructions = 0;
        for (MatrixSpec m : ms) {
            instructions += ceilDiv(m.cols(), inputLines) * tokens;
        }
        long line = ceilDiv((long) PARTIAL_SUM_BYTES * tokens * outputs, lines);
        long sums = ACCUMULATOR_BYTES * params * tokens;
        return new MeshPhase(label, axis, true, line, ceilDiv(bytes + sums, n), ceilDiv(sums, n),
                ceilDiv(2L * params * tokens, n), OPERAND_BITS, instructions);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
