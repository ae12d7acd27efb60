package org.fabricsim.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The values of one distribution in recording order. Without a folder they all stay in memory; with one,
 * memory holds at most a block and full blocks go to a file of raw doubles in the folder, so a run's
 * million-token distributions cost a block of heap each, not 8 bytes a token.
 */
final class ValueStore {
    /** Values held in memory before a store with a folder spills them (64 KiB). */
    static final int BLOCK = 8192;

    private final Path folder;
    private double[] memory = new double[16];
    private int inMemory;
    private Path file;
    private FileChannel out;
    private ByteBuffer bytes;
    private long spilled;
    private boolean sealed;

    /** A store spilling into {@code folder}, or holding everything in memory when it is null. */
    ValueStore(Path folder) {
        this.folder = folder;
    }

    void add(double value) {
        if (sealed) {
            throw new IllegalStateException("a sealed store takes no more values");
        }
        if (inMemory == memory.length) {
            if (folder != null && inMemory >= BLOCK) {
                spill();
            } else {
                memory = Arrays.copyOf(memory, memory.length * 2);
            }
        }
        memory[inMemory++] = value;
    }

    long size() {
        return spilled + inMemory;
    }

    /** True while every value is in memory. */
    boolean inMemory() {
        return spilled == 0;
    }

    /** The values, in recording order, when all are in memory. */
    double[] memoryValues() {
        if (!inMemory()) {
            throw new IllegalStateException("values were spilled to " + file);
        }
        return Arrays.copyOf(memory, inMemory);
    }

    /** Ends recording: a spilled store writes its last values out and keeps no block in memory. */
    void seal() {
        if (sealed) {
            return;
        }
        sealed = true;
        if (spilled > 0) {
            spill();
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
            out = null;
            memory = null;
            bytes = null;
        }
    }

    /** Receives the values in recording order, a chunk at a time. */
    @FunctionalInterface
    interface Chunks {
        void accept(double[] values, int count);
    }

    /** Reads every value in recording order; a store still recording is sealed first. */
    void read(Chunks chunks) {
        seal();
        if (spilled == 0) {
            chunks.accept(memory, inMemory);
            return;
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK * Double.BYTES);
        DoubleBuffer view = buf.asDoubleBuffer();
        double[] chunk = new double[BLOCK];
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                buf.clear();
                while (buf.hasRemaining() && in.read(buf) >= 0) {
                    // fill the block
                }
                int n = buf.position() / Double.BYTES;
                if (n == 0) {
                    return;
                }
                view.clear();
                view.get(chunk, 0, n);
                chunks.accept(chunk, n);
                if (n < BLOCK) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private void spill() {
        try {
            if (out == null) {
                file = Files.createTempFile(folder, "values-", ".bin");
                out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                bytes = ByteBuffer.allocateDirect(BLOCK * Double.BYTES);
            }
            for (int from = 0; from < inMemory; from += BLOCK) {
                int n = Math.min(BLOCK, inMemory - from);
                bytes.clear();
                bytes.asDoubleBuffer().put(memory, from, n);
                bytes.limit(n * Double.BYTES);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": " + e.getMessage(), e);
        }
        spilled += inMemory;
        inMemory = 0;
    }
}
