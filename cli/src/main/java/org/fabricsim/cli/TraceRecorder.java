package org.fabricsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
 * system, one thread per request, complete ("X") events with ts and dur in microseconds. Perfetto draws
 * slices that overlap partially on one thread wrongly (a wafer pipeline runs a request's prefill chunks
 * at once), so a request's slices are spread over tracks: each on the lowest whose last slice has ended.
 * Track 0 is thread {@code tid = request_id}; further tracks get fresh tids, named "request N (k)".
 */
public final class TraceRecorder {
    private record Slice(String name, int pid, long requestId, double startS, double endS, Map<String, Object> args) {
    }

    private final TreeSet<Long> requestIds;
    private final List<Slice> slices = new ArrayList<>();
    private final Map<Integer, String> systems = new LinkedHashMap<>();

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
        systems.put(pid, system);
        return new StepListener() {
            @Override
            public void admitted(Request request, int replica, double timeS) {
                if (requestIds.contains(request.id())) {
                    Map<String, Object> args = new LinkedHashMap<>();
                    args.put("replica", replica);
                    args.put("prompt_tokens", request.promptTokens());
                    args.put("output_tokens", request.outputTokens());
                    slices.add(new Slice("queued", pid, request.id(), request.arrivalS(), timeS, args));
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
                    slices.add(new Slice(name, pid, w.requestId(), startS, endS, args));
                }
            }
        };
    }

    private static Map<String, Object> event(Slice s, long tid) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", s.name());
        e.put("cat", "request");
        e.put("ph", "X");
        e.put("ts", s.startS() * 1e6);
        e.put("dur", (s.endS() - s.startS()) * 1e6);
        e.put("pid", s.pid());
        e.put("tid", tid);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("request_id", s.requestId());
        args.putAll(s.args());
        e.put("args", args);
        return e;
    }

    private static Map<String, Object> meta(String name, int pid, Long tid, String key, Object value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("ph", "M");
        e.put("pid", pid);
        e.put("tid", tid == null ? 0 : tid);
        e.put("args", Map.of(key, value));
        return e;
    }

    /** Number of complete events recorded so far. */
    int events() {
        return slices.size();
    }

    /** Writes trace.json: {"traceEvents": [...], "displayTimeUnit": "ms"}. */
    void write(Path file) throws IOException {
        List<Map<String, Object>> metadata = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        long firstExtraTid = requestIds.isEmpty() ? 0 : requestIds.last() + 1;
        Map<Integer, Map<Long, List<Slice>>> byRequest = new LinkedHashMap<>();
        for (Slice s : slices) {
            byRequest.computeIfAbsent(s.pid(), p -> new LinkedHashMap<>()).computeIfAbsent(s.requestId(), r -> new ArrayList<>())
                    .add(s);
        }
        for (var sys : systems.entrySet()) {
            int pid = sys.getKey();
            metadata.add(meta("process_name", pid, null, "name", sys.getValue()));
            long nextTid = firstExtraTid;
            int sortIndex = 0;
            for (long id : requestIds) {
                List<Slice> own = new ArrayList<>(byRequest.getOrDefault(pid, Map.of()).getOrDefault(id, List.of()));
                // by start (a zero-length "queued" before the prefill it touches); the lowest free track never overlaps
                own.sort(Comparator.comparingDouble(Slice::startS).thenComparingDouble(Slice::endS));
                List<Double> trackEnd = new ArrayList<>();
                List<Long> trackTid = new ArrayList<>();
                for (Slice s : own) {
                    int track = 0;
                    while (track < trackEnd.size() && trackEnd.get(track) > s.startS()) {
                        track++;
                    }
                    if (track == trackEnd.size()) {
                        trackEnd.add(s.endS());
                        trackTid.add(track == 0 ? id : nextTid++);
                    } else {
                        trackEnd.set(track, s.endS());
                    }
                    events.add(event(s, trackTid.get(track)));
                }
                if (trackTid.isEmpty()) {
                    trackTid.add(id);
                }
                for (int k = 0; k < trackTid.size(); k++) {
                    long tid = trackTid.get(k);
                    metadata.add(meta("thread_name", pid, tid, "name", k == 0 ? "request " + id : "request " + id + " (" + k + ")"));
                    metadata.add(meta("thread_sort_index", pid, tid, "sort_index", sortIndex++));
                }
            }
        }
        List<Map<String, Object>> all = new ArrayList<>(metadata);
        all.addAll(events);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("traceEvents", all);
        root.put("displayTimeUnit", "ms");
        new ObjectMapper().writeValue(file.toFile(), root);
    }
}
