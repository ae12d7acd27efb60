package org.fabricsim.workloads.requests;

import java.util.List;
import java.util.function.Consumer;
import org.fabricsim.core.timeline.Timeline;

/** Replays a fixed list of requests at their arrival times (traces, Poisson, all-at-once). */
public final class OpenLoopSource implements RequestSource {
    private final List<Request> requests;

    public OpenLoopSource(List<Request> requests) {
        this.requests = List.copyOf(requests);
    }

    @Override
    public void start(Timeline timeline, Consumer<Request> submit) {
        // One event at a time: the next arrival is scheduled when the previous one fires, so the
        // event list does not hold a million pending arrivals.
        scheduleFrom(0, timeline, submit);
    }

    private void scheduleFrom(int i, Timeline timeline, Consumer<Request> submit) {
        if (i >= requests.size()) {
            return;
        }
        Request r = requests.get(i);
        timeline.at(Math.max(r.arrivalS(), timeline.now()), Timeline.NORMAL, () -> {
            int j = i;
            // all requests with the same arrival time go in together, in order
            while (j < requests.size() && requests.get(j).arrivalS() <= timeline.now()) {
                submit.accept(requests.get(j));
                j++;
            }
            scheduleFrom(j, timeline, submit);
        }, "arrival");
    }

    @Override
    public int totalRequests() {
        return requests.size();
    }

    public List<Request> requests() {
        return requests;
    }
}
