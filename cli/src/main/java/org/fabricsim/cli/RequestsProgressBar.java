package org.fabricsim.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.IntSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DefaultProgressBarRenderer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;

/**
 * Requests simulated out of all, on stderr, drawn by me.tongfei:progressbar: a bar redrawn in place with elapsed
 * time and ETA on a terminal (as wide as the terminal), a plain line every ten seconds otherwise (logs and CI). The
 * counters are read, never pushed: the library's update thread pulls them just before each draw. Work that ends
 * before the first draw (half a second on a terminal, ten seconds in a log) leaves stderr untouched.
 */
final class RequestsProgressBar implements AutoCloseable {
    private static final int LOG_LINE_WIDTH = 100;
    private final ProgressBar bar;
    private final FromFirstDraw consumer;

    RequestsProgressBar(PrintWriter err, String label, IntSupplier done, IntSupplier total) {
        this(err, label, done, total, System.console() != null);
    }

    private RequestsProgressBar(PrintWriter err, String label, IntSupplier done, IntSupplier total, boolean terminal) {
        this(err, label, done, total, terminal, terminal ? Duration.ofMillis(500) : Duration.ofSeconds(10),
                terminal ? Duration.ofMillis(250) : Duration.ofSeconds(10));
    }

    /** On a terminal or not, drawing every {@code period} from {@code first} on. */
    RequestsProgressBar(PrintWriter err, String label, IntSupplier done, IntSupplier total, boolean terminal,
            Duration first, Duration period) {
        PullingRenderer renderer = new PullingRenderer(done, total);
        consumer = new FromFirstDraw(terminal ? new TerminalLine(err) : logLines(err), first);
        bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(Math.max(1, total.getAsInt()))
                .setUpdateIntervalMillis((int) period.toMillis()).continuousUpdate()
                .setRenderer(renderer)
                .setConsumer(consumer)
                .build();
        renderer.bar = bar;
    }

    private static ProgressBarConsumer logLines(PrintWriter err) {
        return new DelegatingProgressBarConsumer(line -> {
            err.println(line);
            err.flush();
        }, LOG_LINE_WIDTH);
    }

    @Override
    public void close() {
        bar.close();
        // the library's closing draw skips closing its consumer when the bar closes before its first scheduled draw
        consumer.close();
    }

    /** The library's bar and numbers, after copying the counters into its state. */
    private static final class PullingRenderer extends DefaultProgressBarRenderer {
        private final IntSupplier done;
        private final IntSupplier total;
        volatile ProgressBar bar; // set once built; the library may draw before

        PullingRenderer(IntSupplier done, IntSupplier total) {
            super(ProgressBarStyle.ASCII, " requests", 1, false, null, ChronoUnit.SECONDS, true, PullingRenderer::eta);
            this.done = done;
            this.total = total;
        }

        /** Linear in requests done since the start; unknown before the first. */
        private static Optional<Duration> eta(ProgressState s) {
            long done = s.getCurrent() - s.getStart();
            return done <= 0 ? Optional.empty()
                    : Optional.of(s.getElapsedAfterStart().dividedBy(done).multipliedBy(Math.max(0, s.getMax() - s.getCurrent())));
        }

        @Override
        public String render(ProgressState s, int maxLength) {
            ProgressBar b = bar;
            if (b != null) {
                b.maxHint(Math.max(1, total.getAsInt()));
                int d = done.getAsInt();
                if (d >= s.getCurrent()) { // counters only grow; stepping back would redraw from inside this draw
                    b.stepTo(d);
                }
            }
            return super.render(s, maxLength);
        }
    }

    /** A line redrawn in place on the command's error stream, as wide as the terminal the library measures. */
    private static final class TerminalLine extends ConsoleProgressBarConsumer {
        private final PrintWriter err;

        TerminalLine(PrintWriter err) {
            super(System.err);
            this.err = err;
        }

        @Override
        public void accept(String rendered) {
            err.print('\r' + rendered);
            err.flush();
        }

        @Override
        public void close() {
            err.println();
            err.flush();
        }
    }

    /**
     * Drops draws before {@code first} has passed and repeats of the previous draw (the library draws twice on
     * close); closes the line once, and only if something was drawn.
     */
    private static final class FromFirstDraw implements ProgressBarConsumer {
        private final ProgressBarConsumer target;
        private final long firstDrawNs;
        private String last;
        private boolean closed;

        FromFirstDraw(ProgressBarConsumer target, Duration first) {
            this.target = target;
            this.firstDrawNs = System.nanoTime() + first.toNanos();
        }

        @Override
        public int getMaxRenderedLength() {
            return target.getMaxRenderedLength();
        }

        @Override
        public synchronized void accept(String rendered) {
            if (!closed && (last != null || System.nanoTime() - firstDrawNs >= 0) && !rendered.equals(last)) {
                last = rendered;
                target.accept(rendered);
            }
        }

        @Override
        public synchronized void close() {
            if (last != null && !closed) {
                closed = true;
                target.close();
            }
        }
    }
}
