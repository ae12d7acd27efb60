package org.fabricsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.serving.Step;
import org.fabricsim.workloads.serving.StepListener;

/**
 * Records the life of chosen requests (queued, prefill chunks, each decode or speculative verify step)
 * as Chrome trace events, for trace.json (open in Perfetto or chrome://tracing): one process per
 * system, one thread per request, complete ("X") events with ts and dur in microseconds.
 */
public final class TraceRecorder {
    private final Set<Long> requestIds;
    private final List<Map<String, Object>> events = new ArrayList<>();
    private final List<Map<String, Object>> metadata = new ArrayList<>();

    /** Traces the requests with these ids (0-based, as in tokens.csv). */
    public TraceRecorder(Set<Long> requestIds) {
        for (long id : requestIds) {
            if (id < 0) {
                throw new IllegalArgumentException("trace request id: must be >= 0, got " + id);
            }
        }
        this.requestIds = new TreeSet<>(requestIds);
    }

    /** A recorder of the given request ids, checked against the workload's {@code requests}. */
    static TraceRecorder of(java.util.Collection<Long> ids, int requests) throws ScenarioException {
        for (long id : ids) {
            if (id < 0 || id >= requests) {
                throw new ScenarioException("--trace-requests: there is no request " + id + "; the workload has " + requests
                        + " requests, ids 0.." + (requests - 1));
            }
        }
        return new TraceRecorder(new java.util.HashSet<>(ids));
    }

    /** A listener for system number {@code pid} of the scenario. */
    StepListener forSystem(int pid, String system) {
        metadata.add(meta("process_name", pid, null, system));
        for (long id : requestIds) {
            metadata.add(meta("thread_name", pid, id, "request " + id));
        }
        return new StepListener() {
            @Override
            public void admitted(Request request, int replica, double timeS) {
                if (requestIds.contains(request.id())) {
                    Map<String, Object> args = new LinkedHashMap<>();
                    args.put("replica", replica);
                    args.put("prompt_tokens", request.promptTokens());
                    args.put("output_tokens", request.outputTokens());
                    events.add(event("queued", pid, request.id(), request.arrivalS(), timeS, args));
                }
            }

            @Override
            public void stepCompleted(int replica, Step step, double startS, double endS) {
                for (Step.SequenceWork w : step.sequences()) {
                    if (!requestIds.contains(w.requestId())) {
                        continue;
                    }
                    String name = w.prefill() ? "prefill" : step.draftTokens() > 0 && w.newTokens() > 1 ? "verify" : "decode";
                    Map<String, Object> args = new LinkedHashMap<>();
                    args.put("replica", replica);
                    args.put("batch_size", step.batchSize());
                    args.put("step_new_tokens", step.totalNewTokens());
                    args.put("new_tokens", w.newTokens());
                    args.put("context_tokens", w.contextTokens());
                    if (step.draftTokens() > 0) {
                        args.put("draft_tokens", step.draftTokens());
                    }
                    events.add(event(name, pid, w.requestId(), startS, endS, args));
                }
            }
        };
    }

    private static Map<String, Object> event(String name, int pid, long tid, double startS, double endS,
            Map<String, Object> args) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("cat", "request");
        e.put("ph", "X");
        e.put("ts", startS * 1e6);
        e.put("dur", (endS - startS) * 1e6);
        e.put("pid", pid);
        e.put("tid", tid);
        e.put("args", args);
        return e;
    }

    private static Map<String, Object> meta(String name, int pid, Long tid, String value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("ph", "M");
        e.put("pid", pid);
        e.put("tid", tid == null ? 0 : tid);
        e.put("args", Map.of("name", value));
        return e;
    }

    /** Number of complete events recorded so far. */
    int events() {
        return events.size();
    }

    /** Writes trace.json: {"traceEvents": [...], "displayTimeUnit": "ms"}. */
    void write(Path file) throws IOException {
        List<Map<String, Object>> all = new ArrayList<>(metadata);
        all.addAll(events);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("traceEvents", all);
        root.put("displayTimeUnit", "ms");
        new ObjectMapper().writeValue(file.toFile(), root);
    }
}
