package org.fabricsim.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.api.Test;

/** The FIFO server fed by Poisson arrivals against queueing theory (Pollaczek-Khinchine, Little). */
class FifoServerTheoryTest {
    private static final double SERVICE_RATE = 1.0;
    /**
     * Customers per run, chosen so that the standard error of the mean wait is below 0.6%
     * (3% is then a 5-sigma bound): M/M/1 at rho = 0.8 has ~4x the relative variance of the others.
     */
    private static final int CUSTOMERS = 2_000_000;
    private static final int CUSTOMERS_HEAVY_TAIL = 4_000_000;
    private static final int WARM_UP = 20_000;
    private static final int BATCHES = 30;

    /** Waiting times in arrival order and the server's end state. */
    private record Run(double[] waitS, double[] sojournS, FifoServer server, double endS) {
    }

    private static Run simulate(double rho, boolean deterministicService, long seed, int customers) {
        Timeline timeline = new Timeline();
        RandomStreams random = new RandomStreams(seed);
        ExponentialDistribution interArrival = new ExponentialDistribution(random.stream("arrivals"), 1 / (rho * SERVICE_RATE));
        RandomGenerator serviceStream = random.stream("service");
        ExponentialDistribution serviceWork = new ExponentialDistribution(serviceStream, 1.0);
        FifoServer server = new FifoServer(timeline, SERVICE_RATE);
        double[] wait = new double[customers];
        double[] sojourn = new double[customers];
        int[] done = {0};
        int[] arrivals = {0};
        Runnable[] arrive = new Runnable[1];
        arrive[0] = () -> {
            double work = deterministicService ? 1.0 : serviceWork.sample();
            server.submit(work, (arrivalS, startS) -> {
                wait[done[0]] = startS - arrivalS;
                sojourn[done[0]] = timeline.now() - arrivalS;
                done[0]++;
            });
            if (++arrivals[0] < customers) {
                timeline.after(interArrival.sample(), arrive[0]);
            }
        };
        timeline.after(interArrival.sample(), arrive[0]);
        timeline.run();
        assertEquals(customers, done[0], "every customer is served");
        return new Run(wait, sojourn, server, timeline.now());
    }

    /** Batch means over the waits after a warm-up: {mean, half-width of the 99% t interval}. */
    private static double[] batchMeansCi(double[] values) {
        int perBatch = (values.length - WARM_UP) / BATCHES;
        SummaryStatistics batchMeans = new SummaryStatistics();
        for (int b = 0; b < BATCHES; b++) {
            double sum = 0;
            for (int i = 0; i < perBatch; i++) {
                sum += values[WARM_UP + b * perBatch + i];
            }
            batchMeans.addValue(sum / perBatch);
        }
        double t = new TDistribution(BATCHES - 1).inverseCumulativeProbability(0.995);
        return new double[] {batchMeans.getMean(), t * batchMeans.getStandardDeviation() / Math.sqrt(BATCHES)};
    }

    /** Pollaczek-Khinchine: Wq = lambda E[S^2] / (2 (1 - rho)). */
    private static double pollaczekKhinchineWaitS(double rho, double secondMomentOfService) {
        double lambda = rho * SERVICE_RATE;
        return lambda * secondMomentOfService / (2 * (1 - rho));
    }

    private static void assertMeanWait(double rho, boolean deterministic, double secondMoment, long seed, int customers) {
        Run run = simulate(rho, deterministic, seed, customers);
        double[] ci = batchMeansCi(run.waitS());
        double analytic = pollaczekKhinchineWaitS(rho, secondMoment);
        String report = String.format("%s rho=%.1f: mean wait %.4f s, 99%% CI [%.4f, %.4f], Pollaczek-Khinchine %.4f s (error %.2f%%)",
                deterministic ? "M/D/1" : "M/M/1", rho, ci[0], ci[0] - ci[1], ci[0] + ci[1], analytic,
                100 * Math.abs(ci[0] - analytic) / analytic);
        System.out.println(report);
        assertEquals(analytic, ci[0], 0.03 * analytic, report);
        assertTrue(Math.abs(ci[0] - analytic) <= ci[1], "analytic value outside the 99% CI: " + report);
    }

    @Test
    void meanWait_mm1AtHalfLoad_matchesPollaczekKhinchine() {
        assertMeanWait(0.5, false, 2 / (SERVICE_RATE * SERVICE_RATE), 11, CUSTOMERS);
    }

    @Test
    void meanWait_mm1AtEightyPercentLoad_matchesPollaczekKhinchine() {
        assertMeanWait(0.8, false, 2 / (SERVICE_RATE * SERVICE_RATE), 12, CUSTOMERS_HEAVY_TAIL);
    }

    @Test
    void meanWait_md1AtHalfLoad_matchesPollaczekKhinchine() {
        assertMeanWait(0.5, true, 1 / (SERVICE_RATE * SERVICE_RATE), 13, CUSTOMERS);
    }

    @Test
    void meanWait_md1AtEightyPercentLoad_matchesPollaczekKhinchine() {
        assertMeanWait(0.8, true, 1 / (SERVICE_RATE * SERVICE_RATE), 14, CUSTOMERS);
    }

    @Test
    void littlesLaw_mm1_timeAverageInSystemEqualsArrivalRateTimesMeanSojourn() {
        double rho = 0.7;
        Run run = simulate(rho, false, 21, 100_000);
        double sojournSum = 0;
        double waitSum = 0;
        for (int i = 0; i < run.sojournS().length; i++) {
            sojournSum += run.sojournS()[i];
            waitSum += run.waitS()[i];
        }
        double t = run.endS();
        double lambda = run.server().jobsArrived() / t;
        double meanSojourn = sojournSum / run.sojournS().length;
        double meanWait = waitSum / run.waitS().length;
        // Sample-path Little's law holds exactly when the system starts and ends empty.
        assertEquals(lambda * meanSojourn, run.server().jobsInSystemIntegral() / t, 1e-9 * lambda * meanSojourn);
        assertEquals(lambda * meanWait, run.server().queueLengthIntegral() / t, 1e-9 * lambda * meanWait);
        // And against theory: L = rho / (1 - rho), utilisation = rho.
        assertEquals(rho / (1 - rho), run.server().jobsInSystemIntegral() / t, 0.05 * rho / (1 - rho));
        assertEquals(rho, run.server().busyTimeS() / t, 0.01);
        assertEquals(run.server().jobsArrived(), run.server().jobsServed());
    }

    @Test
    void serve_threeJobsAtOnce_finishInArrivalOrderBackToBack() {
        Timeline timeline = new Timeline();
        FifoServer server = new FifoServer(timeline, 2.0);
        double[] ends = new double[3];
        int[] order = new int[3];
        int[] n = {0};
        for (int j = 0; j < 3; j++) {
            int id = j;
            server.submit(j + 1.0, (arrivalS, startS) -> {
                order[n[0]] = id;
                ends[n[0]++] = timeline.now();
            });
        }
        assertEquals(2, server.queueLength());
        timeline.run();
        assertEquals(0, order[0]);
        assertEquals(2, order[2]);
        // Work 1, 2, 3 at 2 units/s: ends at 0.5, 1.5, 3.0.
        assertEquals(0.5, ends[0], 1e-12);
        assertEquals(1.5, ends[1], 1e-12);
        assertEquals(3.0, ends[2], 1e-12);
        assertEquals(3.0, server.busyTimeS(), 1e-12);
        // Waiting: job 2 waits 0.5 s, job 3 waits 1.5 s.
        assertEquals(2.0, server.queueLengthIntegral(), 1e-12);
    }
}
