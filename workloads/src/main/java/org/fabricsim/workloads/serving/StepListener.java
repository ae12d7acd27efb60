package org.fabricsim.workloads.serving;

import org.fabricsim.workloads.requests.Request;

/**
 * Observes a {@link BatchingDriver}'s life of requests, for traces of chosen requests. Optional: with
 * no listener set, the driver does no extra work and allocates nothing for it.
 */
public interface StepListener {
    /** {@code request} left the queue for replica {@code replica} at {@code timeS}. */
    void admitted(Request request, int replica, double timeS);

    /** A step ran on {@code replica} from {@code startS} to {@code endS}. */
    void stepCompleted(int replica, Step step, double startS, double endS);
}
