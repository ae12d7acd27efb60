package org.fabricsim.workloads.requests;

import java.util.List;
import java.util.function.Consumer;
import org.fabricsim.core.timeline.Timeline;

/**
 * N concurrent users: each sends a request, waits for its last token, thinks, and sends the next,
 * until the template list is used up. Request lengths come from the templates in order.
 */
public final class ClosedLoopSource implements RequestSource {
    private final List<Request> templates;
    private final int users;
    private final double thinkTimeS;
    private Timeline timeline;
    private Consumer<Request> submit;
    private int next;

    public ClosedLoopSource(List<Request> templates, int users, double thinkTimeS) {
        if (users < 1) {
            throw new IllegalArgumentException("users: must be >= 1, got " + users);
        }
        if (!(thinkTimeS >= 0) || Double.isInfinite(thinkTimeS)) {
            throw new IllegalArgumentException("think_time_s: must be finite and >= 0, got " + thinkTimeS);
        }
        this.templates = List.copyOf(templates);
        this.users = users;
        this.thinkTimeS = thinkTimeS;
    }

    @Override
    public void start(Timeline timeline, Consumer<Request> submit) {
        this.timeline = timeline;
        this.submit = submit;
        for (int u = 0; u < users && next < templates.size(); u++) {
            issueNext();
        }
    }

    private void issueNext() {
        if (next < templates.size()) {
            Request r = templates.get(next++);
            submit.accept(r.at(timeline.now()));
        }
    }

    @Override
    public void completed(Request request) {
        if (next < templates.size()) {
            timeline.after(thinkTimeS, "user think time", this::issueNext);
        }
    }

    @Override
    public int totalRequests() {
        return templates.size();
    }
}
