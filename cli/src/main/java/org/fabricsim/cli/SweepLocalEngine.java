package org.fabricsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fabricsim.cli.sweep.SweepEngine;
import org.fabricsim.cli.sweep.SweepPlan;
import org.fabricsim.cli.sweep.SweepPoint;
import org.fabricsim.results.OutputDirectory;

/**
 * Runs a sweep's points on a fixed pool of local threads, each point into its own atomic directory,
 * with a progress bar (requests simulated over all pending points) on stderr. A failed point stops
 * new points from starting; the others finish and keep their directories.
 */
public final class SweepLocalEngine implements SweepEngine {
    private final boolean quiet;

    public SweepLocalEngine() {
        this(false);
    }

    SweepLocalEngine(boolean quiet) {
        this.quiet = quiet;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public void run(SweepPlan plan, List<SweepPoint> pending, Path sweepDir, int jobs, PrintWriter err) throws Exception {
        List<SweepPointRunner> runners = new ArrayList<>();
        ScenarioRunner worker = new ScenarioRunner(); // this engine is the sweep's one worker
        for (SweepPoint p : pending) {
            runners.add(new SweepPointRunner(plan, p, worker));
        }
        int total = runners.stream().mapToInt(SweepPointRunner::totalRequests).sum();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, Math.max(1, pending.size()))), r -> {
            Thread t = new Thread(r, "sweep-point");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        try (RequestsProgressBar bar = quiet ? null : new RequestsProgressBar(err, plan.name() + " (" + pending.size() + " points)",
                () -> runners.stream().mapToInt(SweepPointRunner::completedRequests).sum(), () -> total)) {
            for (int i = 0; i < pending.size(); i++) {
                SweepPointRunner runner = runners.get(i);
                Path target = SweepPlan.pointDir(sweepDir, pending.get(i));
                futures.add(pool.submit(() -> {
                    OutputDirectory.write(target, d -> {
                        try {
                            runner.writeContents(d);
                        } catch (ScenarioException e) {
                            throw new PointFailure(e);
                        }
                    });
                    return null;
                }));
            }
            Exception first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        Throwable c = e.getCause();
                        first = c instanceof PointFailure pf ? pf.scenario : c instanceof Exception ex ? ex : new RuntimeException(c);
                        futures.forEach(g -> g.cancel(false));
                    }
                } catch (java.util.concurrent.CancellationException e) {
                    // cancelled after an earlier failure
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            // points already running finish (and keep their directories, or remove their partial one on failure):
            // returning now would let the JVM exit under them and leave a half-written partial directory behind
            pool.shutdown();
            boolean interrupted = false;
            while (true) {
                try {
                    if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.DAYS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    pool.shutdownNow();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Carries a point's ScenarioException through OutputDirectory's IOException-only callback. */
    private static final class PointFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ScenarioException scenario;

        PointFailure(ScenarioException e) {
            super(e);
            this.scenario = e;
        }
    }
}
