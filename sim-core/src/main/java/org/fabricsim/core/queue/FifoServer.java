package org.fabricsim.core.queue;

import java.util.ArrayDeque;
import org.fabricsim.core.timeline.Timeline;

/**
 * One server working through jobs first-in first-out at a fixed service rate (work units per second),
 * keeping the time integrals that Little's law and the utilisation law need.
 */
public final class FifoServer {

    /** Called when a job's service ends (at the current simulated time). */
    @FunctionalInterface
    public interface JobListener {
        void served(double arrivalS, double serviceStartS);
    }

    private record Job(double work, double arrivalS, JobListener listener) {
    }

    private final Timeline timeline;
    private final double rateWorkPerS;
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private Job inService;
    private double serviceStartS;

    private long arrived;
    private long served;
    private double lastChangeS;
    private double busyTimeS;
    private double waitingIntegral;
    private double inSystemIntegral;

    public FifoServer(Timeline timeline, double rateWorkPerS) {
        if (timeline == null) {
            throw new IllegalArgumentException("timeline: must not be null");
        }
        if (!(rateWorkPerS > 0) || Double.isInfinite(rateWorkPerS)) {
            throw new IllegalArgumentException("rateWorkPerS: must be positive and finite, got " + rateWorkPerS);
        }
        this.timeline = timeline;
        this.rateWorkPerS = rateWorkPerS;
        this.lastChangeS = timeline.now();
    }

    /** Adds a job of {@code work} units; {@code onServed} runs when its service ends. */
    public void submit(double work, JobListener onServed) {
        if (!(work >= 0) || Double.isInfinite(work)) {
            throw new IllegalArgumentException("work: must be >= 0 and finite, got " + work);
        }
        if (onServed == null) {
            throw new IllegalArgumentException("onServed: must not be null");
        }
        advance();
        arrived++;
        Job job = new Job(work, timeline.now(), onServed);
        if (inService == null) {
            start(job);
        } else {
            waiting.addLast(job);
        }
    }

    private void start(Job job) {
        inService = job;
        serviceStartS = timeline.now();
        timeline.after(job.work() / rateWorkPerS, "service end", this::finish);
    }

    private void finish() {
        advance();
        Job done = inService;
        double startS = serviceStartS;
        served++;
        inService = null;
        Job next = waiting.pollFirst();
        if (next != null) {
            start(next);
        }
        done.listener().served(done.arrivalS(), startS);
    }

    private void advance() {
        double now = timeline.now();
        double dt = now - lastChangeS;
        if (dt > 0) {
            int inSystem = jobsInSystem();
            if (inSystem > 0) {
                busyTimeS += dt;
            }
            waitingIntegral += waiting.size() * dt;
            inSystemIntegral += inSystem * dt;
            lastChangeS = now;
        }
    }

    public double rateWorkPerS() {
        return rateWorkPerS;
    }

    /** Jobs waiting, not counting the one in service. */
    public int queueLength() {
        return waiting.size();
    }

    /** Jobs waiting plus the one in service. */
    public int jobsInSystem() {
        return waiting.size() + (inService == null ? 0 : 1);
    }

    public boolean busy() {
        return inService != null;
    }

    public long jobsArrived() {
        return arrived;
    }

    public long jobsServed() {
        return served;
    }

    /** Time the server has been serving, up to now, seconds. */
    public double busyTimeS() {
        advance();
        return busyTimeS;
    }

    /** Integral over time of the number of jobs waiting (not in service), job-seconds. */
    public double queueLengthIntegral() {
        advance();
        return waitingIntegral;
    }

    /** Integral over time of the number of jobs in the system, job-seconds (Little: = lambda W T). */
    public double jobsInSystemIntegral() {
        advance();
        return inSystemIntegral;
    }
}
