package org.fabricsim.workloads.requests;

import java.util.function.Consumer;
import org.fabricsim.core.timeline.Timeline;

/**
 * Where a system's requests come from. An open-loop source schedules every arrival up front; a
 * closed-loop one issues the next request of a user when that user's previous request completes.
 * A source instance serves one system in one replication.
 */
public interface RequestSource {

    /** Schedules the first arrivals; {@code submit} is called at each request's arrival time. */
    void start(Timeline timeline, Consumer<Request> submit);

    /** Told when a request has emitted its last token (closed-loop sources issue the next one). */
    default void completed(Request request) {
    }

    /** Total requests this source will issue. */
    int totalRequests();
}
