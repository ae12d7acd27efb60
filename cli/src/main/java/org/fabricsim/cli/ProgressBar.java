package org.fabricsim.cli;

import java.io.PrintWriter;
import java.util.function.IntSupplier;

/**
 * Progress of long work on stderr: a redrawn bar with ETA on a terminal, a plain line every ten
 * seconds otherwise (logs and CI). Runs on a daemon thread that only reads counters.
 */
final class ProgressBar implements AutoCloseable {
    private final PrintWriter err;
    private final String label;
    private final IntSupplier done;
    private final IntSupplier total;
    private final boolean terminal = System.console() != null;
    private final long startNs = System.nanoTime();
    private final Thread thread;
    private volatile boolean closed;
    private boolean drew;

    ProgressBar(PrintWriter err, String label, IntSupplier done, IntSupplier total) {
        this.err = err;
        this.label = label;
        this.done = done;
        this.total = total;
        this.thread = new Thread(this::loop, "progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long period = terminal ? 250 : 10_000;
        try {
            Thread.sleep(terminal ? 500 : period);
            while (!closed) {
                draw();
                Thread.sleep(period);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void draw() {
        int d = done.getAsInt();
        int t = Math.max(1, total.getAsInt());
        double f = Math.min(1, d / (double) t);
        double elapsed = (System.nanoTime() - startNs) / 1e9;
        String eta = f > 0 ? String.format("%.0fs", elapsed * (1 - f) / f) : "?";
        if (terminal) {
            int width = 30;
            int fill = (int) Math.round(f * width);
            err.printf("\r%s [%s%s] %3.0f%% %d/%d requests, %.0fs elapsed, ETA %s ", label, "=".repeat(fill),
                    " ".repeat(width - fill), f * 100, d, t, elapsed, eta);
        } else {
            err.printf("%s: %.0f%% (%d/%d requests), %.0fs elapsed, ETA %s%n", label, f * 100, d, t, elapsed, eta);
        }
        err.flush();
        drew = true;
    }

    @Override
    public synchronized void close() {
        closed = true;
        thread.interrupt();
        if (drew && terminal) {
            err.print("\r" + " ".repeat(100) + "\r");
            err.flush();
        }
    }
}
