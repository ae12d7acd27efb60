package org.fabricsim.results.curves;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Per-point errors of a simulated curve against a published one, and the figures the targets are stated in: over
 * the graded (A, B) points that no calibration constant was fitted on, the median |error| per headline and the
 * points beyond a bound.
 */
public final class CurveComparison {
    private CurveComparison() {
    }

    /**
     * One published figure against its simulated counterpart.
     *
     * @param simulatedSi    the model's figure in SI units (s or tokens/s)
     * @param error          simulated / published - 1 on the metric itself (positive: the model's figure is larger)
     * @param headlineError  the error toward the metric's headline: per-user speed as tokens/s per user (positive:
     *                       the model is faster), TTFT as itself (positive: the model is slower)
     */
    public record PointError(PublishedPoint point, double simulatedSi, double error, double headlineError) {
        public static PointError of(PublishedPoint p, double simulatedSi) {
            double pub = p.publishedSi();
            return new PointError(p, simulatedSi, simulatedSi / pub - 1, p.metric().headlineError(pub, simulatedSi));
        }

        /** The simulated value in the published unit. */
        public double simulated() {
            return simulatedSi / point.metric().toSi(point.unit());
        }

        /** Counts toward its headline's target: graded A or B, a headline metric, and not fitted. */
        public boolean outOfSample() {
            return point.graded() && !point.fitted() && point.metric().headline() != CurveMetric.Headline.NONE;
        }
    }

    /**
     * A headline over a set of points.
     *
     * @param outOfSample     points counted (graded, not fitted)
     * @param fitted          graded points of this headline excluded because a constant was fitted on them
     * @param medianAbsError  median |headline error| over the counted points (NaN for none)
     * @param beyondBound     counted points whose |headline error| exceeds the bound
     * @param worst           the counted point of largest |headline error|
     */
    public record Headline(CurveMetric.Headline headline, int outOfSample, int fitted, double medianAbsError,
            int beyondBound, Optional<PointError> worst) {
    }

    public static Headline headline(List<PointError> errors, CurveMetric.Headline h, double bound) {
        List<Double> abs = new ArrayList<>();
        int fitted = 0;
        int beyond = 0;
        PointError worst = null;
        for (PointError e : errors) {
            if (e.point().metric().headline() != h || !e.point().graded()) {
                continue;
            }
            if (e.point().fitted()) {
                fitted++;
                continue;
            }
            double a = Math.abs(e.headlineError());
            abs.add(a);
            if (a > bound) {
                beyond++;
            }
            if (worst == null || a > Math.abs(worst.headlineError())) {
                worst = e;
            }
        }
        return new Headline(h, abs.size(), fitted, median(abs), beyond, Optional.ofNullable(worst));
    }

    /** The middle value, or the mean of the two middle values; NaN for none. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        s.sort(Comparator.naturalOrder());
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
