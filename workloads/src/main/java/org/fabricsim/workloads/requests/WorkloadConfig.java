package org.fabricsim.workloads.requests;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.fabricsim.core.random.RandomStreams;

/**
 * The requests of a scenario, replayed identically against every system.
 *
 * @param source         offline (all at t = 0, MLPerf Offline), poisson (open loop at rate_per_s),
 *                       closed (users concurrent users with think_time_s)
 * @param requests       how many requests
 * @param ratePerS       Poisson arrival rate, requests/s (source poisson)
 * @param users          concurrent users (source closed)
 * @param thinkTimeS     pause between a user's requests (source closed)
 * @param promptTokens   prompt length of every request
 * @param outputTokens   output length of every request
 */
public record WorkloadConfig(String source, Integer requests, Double ratePerS, Integer users, Double thinkTimeS,
        Integer promptTokens, Integer outputTokens) {

    public static final List<String> SOURCES = List.of("offline", "poisson", "closed");

    public WorkloadConfig {
        source = source == null ? "closed" : source;
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("source: must be one of " + SOURCES + ", got '" + source + "'");
        }
        requests = requests == null ? 100 : requests;
        if (requests < 1) {
            throw new IllegalArgumentException("requests: must be >= 1, got " + requests);
        }
        if (source.equals("poisson")) {
            if (ratePerS == null || !(ratePerS > 0) || ratePerS.isInfinite()) {
                throw new IllegalArgumentException("rate_per_s: a poisson source needs a finite rate > 0, got " + ratePerS);
            }
        }
        users = users == null ? 1 : users;
        if (users < 1) {
            throw new IllegalArgumentException("users: must be >= 1, got " + users);
        }
        thinkTimeS = thinkTimeS == null ? 0.0 : thinkTimeS;
        if (!(thinkTimeS >= 0) || thinkTimeS.isInfinite()) {
            throw new IllegalArgumentException("think_time_s: must be finite and >= 0, got " + thinkTimeS);
        }
        promptTokens = promptTokens == null ? 512 : promptTokens;
        if (promptTokens < 1) {
            throw new IllegalArgumentException("prompt_tokens: must be >= 1, got " + promptTokens);
        }
        outputTokens = outputTokens == null ? 256 : outputTokens;
        if (outputTokens < 1) {
            throw new IllegalArgumentException("output_tokens: must be >= 1, got " + outputTokens);
        }
    }

    /** The request list of one replication (arrival times are 0 for closed-loop templates). */
    public List<Request> requestList(RandomStreams random) {
        RandomGenerator arrivals = random.stream("arrivals");
        List<Request> list = new ArrayList<>(requests);
        double t = 0;
        for (int i = 0; i < requests; i++) {
            if (source.equals("poisson")) {
                t += -Math.log(1 - arrivals.nextDouble()) / ratePerS;
            }
            list.add(new Request(i, t, promptTokens, outputTokens));
        }
        return list;
    }

    /** A fresh source for one system (closed-loop sources carry per-system state). */
    public RequestSource newSource(List<Request> requestList) {
        return source.equals("closed") ? new ClosedLoopSource(requestList, users, thinkTimeS)
                : new OpenLoopSource(requestList);
    }
}
