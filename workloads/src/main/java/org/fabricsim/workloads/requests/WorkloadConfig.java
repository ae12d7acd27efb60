package org.fabricsim.workloads.requests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import org.apache.commons.math3.random.RandomGenerator;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.workloads.serving.Bounds;

/**
 * The requests of a scenario, replayed identically against every system. Keys and defaults are
 * listed in docs/workloads.md.
 *
 * @param source         offline (all at t = 0, MLPerf Offline), poisson (open loop at rate_per_s),
 *                       closed (users concurrent users with think_time_s), trace (the trace's own
 *                       arrival times)
 * @param requests       how many requests (synthetic sources; default 100); not allowed with source
 *                       trace, which replays the file's rows (cap them with max_requests)
 * @param ratePerS       Poisson arrival rate, requests/s (source poisson)
 * @param users          concurrent users (source closed)
 * @param thinkTimeS     pause between a user's requests (source closed)
 * @param promptTokens   fixed prompt length (default 512 when no other length is given)
 * @param outputTokens   fixed output length (default 256 when no other length is given)
 * @param promptLength   prompt length distribution, instead of prompt_tokens
 * @param outputLength   output length distribution, instead of output_tokens
 * @param trace          a trace file: with source trace it gives arrivals and lengths; with a
 *                       synthetic source it gives (prompt, output) pairs drawn uniformly with
 *                       replacement from its rows (the empirical joint length distribution)
 * @param timeScale      multiplies every inter-arrival time (0.5 = twice the load); default 1
 * @param maxRequests    keep only the first N requests
 * @param maxDurationS   keep only requests arriving within the first T simulated seconds (after time_scale)
 */
public record WorkloadConfig(String source, Integer requests, Double ratePerS, Integer users, Double thinkTimeS,
        Integer promptTokens, Integer outputTokens, LengthDistribution promptLength, LengthDistribution outputLength,
        TraceConfig trace, Double timeScale, Integer maxRequests, Double maxDurationS) {

    public static final List<String> SOURCES = List.of("offline", "poisson", "closed", "trace");
    /** Most requests one replication may hold (~100 bytes each): larger counts are refused up front. */
    public static final int MAX_REQUESTS = 10_000_000;
    /** Highest Poisson arrival rate, requests/s. */
    public static final double MAX_RATE_PER_S = 1e9;

    public WorkloadConfig {
        source = source == null ? "closed" : source;
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("source: must be one of " + SOURCES + ", got '" + source + "'");
        }
        boolean replay = source.equals("trace");
        if (replay) {
            if (trace == null) {
                throw new IllegalArgumentException("trace: source trace needs a trace block (path, format)");
            }
            if (!trace.reader().hasTimestamps()) {
                throw new IllegalArgumentException("source: " + trace.format() + " traces have no timestamps; pair them"
                        + " with source poisson, closed or offline");
            }
            if (requests != null) {
                throw new IllegalArgumentException("requests: source trace replays the file's rows; use max_requests to"
                        + " keep the first N, got requests " + requests);
            }
        } else {
            requests = requests == null ? 100 : requests;
            if (requests < 1 || requests > MAX_REQUESTS) {
                throw new IllegalArgumentException("requests: must be in 1.." + MAX_REQUESTS
                        + " (one replication's requests are held in memory), got " + requests);
            }
        }
        if (source.equals("poisson")) {
            if (ratePerS == null) {
                throw new IllegalArgumentException("rate_per_s: a poisson source needs a rate > 0, got null");
            }
            Bounds.above("rate_per_s", ratePerS, 0, 0, MAX_RATE_PER_S, "requests/s");
        }
        users = users == null ? 1 : users;
        if (users < 1 || users > MAX_REQUESTS) {
            throw new IllegalArgumentException("users: must be in 1.." + MAX_REQUESTS + ", got " + users);
        }
        thinkTimeS = thinkTimeS == null ? 0.0 : thinkTimeS;
        Bounds.within("think_time_s", thinkTimeS, 0, 0, Bounds.MAX_TIME_S, "s");
        if (trace != null) {
            for (Object[] key : new Object[][] {{"prompt_tokens", promptTokens}, {"output_tokens", outputTokens},
                    {"prompt_length", promptLength}, {"output_length", outputLength}}) {
                if (key[1] != null) {
                    throw new IllegalArgumentException(key[0] + ": lengths come from the trace file; remove " + key[0]
                            + " or the trace block");
                }
            }
        } else {
            if (promptLength != null && promptTokens != null) {
                throw new IllegalArgumentException("prompt_tokens: give prompt_tokens or prompt_length, not both");
            }
            if (outputLength != null && outputTokens != null) {
                throw new IllegalArgumentException("output_tokens: give output_tokens or output_length, not both");
            }
            promptTokens = promptLength != null ? null : promptTokens == null ? 512 : promptTokens;
            if (promptTokens != null && (promptTokens < 1 || promptTokens > Bounds.MAX_TOKENS)) {
                throw new IllegalArgumentException("prompt_tokens: must be in 1.." + Bounds.MAX_TOKENS + ", got "
                        + promptTokens);
            }
            outputTokens = outputLength != null ? null : outputTokens == null ? 256 : outputTokens;
            if (outputTokens != null && (outputTokens < 1 || outputTokens > Bounds.MAX_TOKENS)) {
                throw new IllegalArgumentException("output_tokens: must be in 1.." + Bounds.MAX_TOKENS + ", got "
                        + outputTokens);
            }
        }
        boolean timed = replay || source.equals("poisson");
        timeScale = timeScale == null ? 1.0 : timeScale;
        Bounds.above("time_scale", timeScale, 1, 0, 1e6, "");
        if (!timed && (timeScale != 1.0 || maxDurationS != null)) {
            throw new IllegalArgumentException((maxDurationS != null ? "max_duration_s" : "time_scale")
                    + ": applies to open-loop arrivals (source poisson or trace), not source " + source);
        }
        if (maxRequests != null && (maxRequests < 1 || maxRequests > MAX_REQUESTS)) {
            throw new IllegalArgumentException("max_requests: must be in 1.." + MAX_REQUESTS + ", got " + maxRequests);
        }
        if (maxDurationS != null) {
            Bounds.above("max_duration_s", maxDurationS, 0, 0, Bounds.MAX_TIME_S, "s");
        }
    }

    /** The original seven keys (synthetic workloads with fixed lengths). */
    public WorkloadConfig(String source, Integer requests, Double ratePerS, Integer users, Double thinkTimeS,
            Integer promptTokens, Integer outputTokens) {
        this(source, requests, ratePerS, users, thinkTimeS, promptTokens, outputTokens, null, null, null, null, null, null);
    }

    /** This workload with a relative trace path resolved against {@code baseDir} (the scenario file's directory). */
    public WorkloadConfig resolvedAgainst(Path baseDir) {
        return trace == null ? this : new WorkloadConfig(source, requests, ratePerS, users, thinkTimeS, promptTokens,
                outputTokens, promptLength, outputLength, trace.resolvedAgainst(baseDir), timeScale, maxRequests, maxDurationS);
    }

    /** The request list of one replication (arrival times are 0 for closed-loop templates). */
    public List<Request> requestList(RandomStreams random) {
        return load(random).requests();
    }

    /** This workload with its trace path written relative to {@code dir} (see {@link TraceConfig#relativeTo}). */
    public WorkloadConfig relativeTo(Path dir) {
        return trace == null ? this : new WorkloadConfig(source, requests, ratePerS, users, thinkTimeS, promptTokens,
                outputTokens, promptLength, outputLength, trace.relativeTo(dir), timeScale, maxRequests, maxDurationS);
    }

    /** This workload with its trace looked up under {@code tracesDir} when its path names no file. */
    public WorkloadConfig locatedIn(Path tracesDir) {
        return trace == null ? this : new WorkloadConfig(source, requests, ratePerS, users, thinkTimeS, promptTokens,
                outputTokens, promptLength, outputLength, trace.locatedIn(tracesDir), timeScale, maxRequests, maxDurationS);
    }

    /** As {@link #requestList(RandomStreams)}, with a relative trace path resolved against {@code baseDir}. */
    public List<Request> requestList(RandomStreams random, Path baseDir) {
        return resolvedAgainst(baseDir).requestList(random);
    }

    /**
     * The requests of one replication with the trace reader's counts (skipped lines, raised lengths).
     *
     * @throws TraceFormatException     on a corrupt trace line (unless skip_bad_lines)
     * @throws IllegalArgumentException if the trace cannot be read or no request is left after truncation
     */
    public WorkloadRequests load(RandomStreams random) {
        int cap = maxRequests == null ? MAX_REQUESTS : maxRequests;
        double spanS = maxDurationS == null ? Double.POSITIVE_INFINITY : maxDurationS / timeScale;
        TraceRows rows = null;
        if (trace != null) {
            boolean replay = source.equals("trace");
            rows = trace.reader().read(Path.of(trace.path()), trace.skipBadLines(), replay ? cap : MAX_REQUESTS,
                    replay ? spanS : Double.POSITIVE_INFINITY);
        }
        double[] arrivals = arrivals(random, rows, cap);
        int n = arrivals.length;
        List<Request> list = new ArrayList<>(n);
        if (source.equals("trace")) {
            for (int i = 0; i < n; i++) {
                list.add(new Request(i, arrivals[i], rows.promptTokens(i), rows.outputTokens(i)));
            }
        } else if (rows != null) {
            RandomGenerator pick = random.stream("trace-lengths");
            for (int i = 0; i < n; i++) {
                int row = pick.nextInt(rows.size());
                list.add(new Request(i, arrivals[i], rows.promptTokens(row), rows.outputTokens(row)));
            }
        } else {
            IntSupplier prompt = (promptLength != null ? promptLength : LengthDistribution.fixed(promptTokens))
                    .sampler(random.stream("prompt-lengths"));
            IntSupplier output = (outputLength != null ? outputLength : LengthDistribution.fixed(outputTokens))
                    .sampler(random.stream("output-lengths"));
            for (int i = 0; i < n; i++) {
                list.add(new Request(i, arrivals[i], prompt.getAsInt(), output.getAsInt()));
            }
        }
        return rows == null ? new WorkloadRequests(list, null, 0, null, 0)
                : new WorkloadRequests(list, rows.file().toString(), rows.skippedLines(), rows.firstSkipped(),
                        rows.raisedOutputs());
    }

    /** Arrival times in seconds from 0, after time_scale and truncation. */
    private double[] arrivals(RandomStreams random, TraceRows rows, int cap) {
        double limitS = maxDurationS == null ? Double.POSITIVE_INFINITY : maxDurationS;
        if (source.equals("trace")) {
            double[] t = new double[rows.size()];
            double t0 = rows.timeS(0);
            for (int i = 0; i < t.length; i++) {
                t[i] = rows.timeS(i) - t0;
            }
            if (trace.bucketS() != null && trace.bucketS() > 0) {
                MooncakeBuckets.spread(t, trace.bucketS(), random.stream("trace-spread"));
            }
            int n = 0;
            while (n < t.length && t[n] * timeScale <= limitS) {
                t[n] *= timeScale;
                n++;
            }
            return Arrays.copyOf(t, n);
        }
        int n = Math.min(requests, cap);
        double[] t = new double[n];
        if (source.equals("poisson")) {
            RandomGenerator gaps = random.stream("arrivals");
            double now = 0;
            for (int i = 0; i < n; i++) {
                now += -Math.log(1 - gaps.nextDouble()) / ratePerS * timeScale;
                if (now > limitS) {
                    return Arrays.copyOf(t, i);
                }
                t[i] = now;
            }
        }
        return t;
    }

    /** A fresh source for one system (closed-loop sources carry per-system state). */
    public RequestSource newSource(List<Request> requestList) {
        return source.equals("closed") ? new ClosedLoopSource(requestList, users, thinkTimeS)
                : new OpenLoopSource(requestList);
    }
}
