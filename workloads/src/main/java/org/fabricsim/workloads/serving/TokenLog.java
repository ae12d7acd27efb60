package org.fabricsim.workloads.serving;

import java.util.Arrays;

/**
 * Every output token one system emitted in one replication, in emission order, in growable
 * primitive arrays (a million tokens cost 20 MB, not a million objects).
 */
public final class TokenLog {
    private long[] requestIds = new long[1024];
    private int[] tokenIndexes = new int[1024];
    private double[] emitS = new double[1024];
    private int size;

    /** Records a token; tokens are added in emission order (the driver, or a reader of a recorded run). */
    public void add(long requestId, int tokenIndex, double timeS) {
        if (size == emitS.length) {
            int n = size * 2;
            requestIds = Arrays.copyOf(requestIds, n);
            tokenIndexes = Arrays.copyOf(tokenIndexes, n);
            emitS = Arrays.copyOf(emitS, n);
        }
        requestIds[size] = requestId;
        tokenIndexes[size] = tokenIndex;
        emitS[size] = timeS;
        size++;
    }

    public int size() {
        return size;
    }

    public long requestId(int i) {
        return requestIds[i];
    }

    public int tokenIndex(int i) {
        return tokenIndexes[i];
    }

    public double emitS(int i) {
        return emitS[i];
    }
}
