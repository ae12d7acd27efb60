package org.fabricsim.workloads.serving;

import java.util.Arrays;
import org.fabricsim.workloads.requests.Request;

/**
 * Every output token one system emitted in one replication, in growable primitive arrays (20 bytes a token):
 * the record tests and small tools keep of a run, its memory growing with the run. As a {@link TokenSink} it
 * adds a completed request's tokens together, so tokens are grouped by request in completion order.
 */
public final class TokenLog implements TokenSink {
    private long[] requestIds = new long[1024];
    private int[] tokenIndexes = new int[1024];
    private double[] emitS = new double[1024];
    private int size;

    @Override
    public void completed(Request request, double[] emitS) {
        for (int k = 0; k < emitS.length; k++) {
            add(request.id(), k, emitS[k]);
        }
    }

    /** Records a token. */
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
