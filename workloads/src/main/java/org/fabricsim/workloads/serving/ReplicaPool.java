package org.fabricsim.workloads.serving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.fabricsim.workloads.requests.Request;

/**
 * Replicas behind one queue with one serving policy: a system's own, or its prefill system's. A prefill
 * pool holds a request's prompt only; a request leaves it once its prompt has run.
 */
final class ReplicaPool {
    final List<StepEngine> engines;
    final ServingPolicy policy;
    final boolean prefillOnly;
    final int firstReplicaId;
    final Deque<ServedSequence> waiting = new ArrayDeque<>();
    /** Per replica, the requests whose KV was sent to it (disaggregated decoding only; else empty). */
    final List<Deque<ServedSequence>> handedOver = new ArrayList<>();
    /** Per replica, the requests handed over to it and not yet finished. */
    final int[] committed;
    final List<List<ServedSequence>> running = new ArrayList<>();
    final long[] kvUsedTokens;
    final int[] stepsInFlight;

    ReplicaPool(List<StepEngine> engines, ServingPolicy policy, boolean prefillOnly, int firstReplicaId) {
        this.engines = engines;
        this.policy = policy;
        this.prefillOnly = prefillOnly;
        this.firstReplicaId = firstReplicaId;
        this.kvUsedTokens = new long[engines.size()];
        this.stepsInFlight = new int[engines.size()];
        this.committed = new int[engines.size()];
        for (int i = 0; i < engines.size(); i++) {
            running.add(new ArrayList<>());
            handedOver.add(new ArrayDeque<>());
        }
    }

    /** The replica a prompt's KV goes to: the one with the fewest requests handed over and unfinished, lowest first. */
    int leastCommitted() {
        int best = 0;
        for (int i = 1; i < committed.length; i++) {
            if (committed[i] < committed[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Where replica i admits from: the requests handed over to it, or the pool's one queue. */
    Deque<ServedSequence> queueOf(int i) {
        return handedOver.get(i).isEmpty() ? waiting : handedOver.get(i);
    }

    long kvTokens(Request r) {
        return prefillOnly ? r.promptTokens() : (long) r.promptTokens() + r.outputTokens();
    }
}
