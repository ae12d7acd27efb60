package org.fabricsim.fabric.api;

/**
 * One mesh operation on a region: every core works on what it holds, then the region communicates
 * along {@code axis}: an all-reduce of partial sums ({@code reduce}) or a multicast of a vector.
 *
 * @param label            what the phase is, for traces ("qkv", "attention", "down")
 * @param axis             dimension the phase communicates along
 * @param reduce           true: partial sums are reduced (stages add) and the result multicast back;
 *                         false: a multicast only (routers replicate wavelets, no add stages)
 * @param bytesPerLine     bytes each row (or column) carries: its share of the vector
 * @param sramBytesPerCore bytes each core reads from its SRAM (weights, KV cache, running sums)
 * @param sramWriteBytesPerCore bytes each core writes to its SRAM (running sums of an AXPY)
 * @param flopsPerCore     FLOPs each core performs
 * @param operandBits      operand width the FLOPs run at (16 for BF16/FP16 and widened FP8/INT4)
 * @param instructionsPerCore vector (DSD) instructions each core issues: one AXPY per input element of its
 *                         tile per token for a GEMV; each costs a fixed setup on top of its streaming
 */
public record MeshPhase(String label, MeshAxis axis, boolean reduce, long bytesPerLine, long sramBytesPerCore,
        long sramWriteBytesPerCore, long flopsPerCore, double operandBits, long instructionsPerCore) {

    /** A phase whose per-core work is not a stream of vector instructions worth counting (moves, norms). */
    public MeshPhase(String label, MeshAxis axis, boolean reduce, long bytesPerLine, long sramBytesPerCore,
            long sramWriteBytesPerCore, long flopsPerCore, double operandBits) {
        this(label, axis, reduce, bytesPerLine, sramBytesPerCore, sramWriteBytesPerCore, flopsPerCore, operandBits, 0);
    }

    /** A phase that writes nothing per operation to SRAM. */
    public MeshPhase(String label, MeshAxis axis, boolean reduce, long bytesPerLine, long sramBytesPerCore,
            long flopsPerCore, double operandBits) {
        this(label, axis, reduce, bytesPerLine, sramBytesPerCore, 0, flopsPerCore, operandBits, 0);
    }

    public MeshPhase {
        if (axis == null) {
            throw new IllegalArgumentException("axis: must be given, got null");
        }
        if (bytesPerLine < 0) {
            throw new IllegalArgumentException("bytesPerLine: must be >= 0, got " + bytesPerLine);
        }
        if (sramBytesPerCore < 0) {
            throw new IllegalArgumentException("sramBytesPerCore: must be >= 0, got " + sramBytesPerCore);
        }
        if (sramWriteBytesPerCore < 0) {
            throw new IllegalArgumentException("sramWriteBytesPerCore: must be >= 0, got " + sramWriteBytesPerCore);
        }
        if (flopsPerCore < 0) {
            throw new IllegalArgumentException("flopsPerCore: must be >= 0, got " + flopsPerCore);
        }
        if (instructionsPerCore < 0) {
            throw new IllegalArgumentException("instructionsPerCore: must be >= 0, got " + instructionsPerCore);
        }
        if (!(operandBits > 0)) {
            throw new IllegalArgumentException("operandBits: must be > 0, got " + operandBits);
        }
    }
}
