package org.fabricsim.results.curves;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fabricsim.results.curves.CurveComparison.PointError;

/** The per-point errors as Markdown tables, one per dataset, then the headlines: what docs/validation.md shows. */
public final class CurveMarkdown {
    private CurveMarkdown() {
    }

    public static String render(Map<String, List<PointError>> byDataset, List<PointError> all, double bound) {
        StringBuilder b = new StringBuilder();
        for (var e : byDataset.entrySet()) {
            b.append("#### ").append(e.getKey()).append("\n\n")
                    .append("| point | metric | grade | published | model | unit | error | tok/s per user or TTFT error | |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            for (PointError pe : e.getValue()) {
                PublishedPoint p = pe.point();
                boolean headline = p.metric().headline() != CurveMetric.Headline.NONE;
                String mark = p.fitted() ? "fitted: " + p.fittedBy() : !p.graded() ? "grade C, not counted"
                        : headline && Math.abs(pe.headlineError()) > bound ? "**outside**" : "";
                b.append("| ").append(CurveErrorsCsv.pointLabel(p).replace(";", ", ")).append(" | ").append(p.metric().key())
                        .append(" | ").append(p.grade()).append(" | ").append(number(p.published())).append(" | ")
                        .append(number(pe.simulated())).append(" | ").append(p.unit()).append(" | ").append(percent(pe.error()))
                        .append(" | ").append(headline ? percent(pe.headlineError()) : "").append(" | ").append(mark).append(" |\n");
            }
            b.append('\n');
        }
        b.append("| headline | out-of-sample points | fitted | median abs error | beyond ")
                .append(String.format(Locale.ROOT, "%.0f%%", bound * 100)).append(" | worst |\n|---|---|---|---|---|---|\n");
        for (CurveMetric.Headline h : List.of(CurveMetric.Headline.USER_SPEED, CurveMetric.Headline.TTFT)) {
            CurveComparison.Headline s = CurveComparison.headline(all, h, bound);
            b.append("| ").append(h.label()).append(" | ").append(s.outOfSample()).append(" | ").append(s.fitted()).append(" | ")
                    .append(Double.isNaN(s.medianAbsError()) ? "-" : String.format(Locale.ROOT, "%.1f%%", s.medianAbsError() * 100))
                    .append(" | ").append(s.beyondBound()).append(" | ")
                    .append(s.worst().map(w -> w.point().dataset() + " " + CurveErrorsCsv.pointLabel(w.point()).replace(";", ", ")
                            + " " + percent(w.headlineError())).orElse("-")).append(" |\n");
        }
        return b.toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : "%.3g", v);
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.1f%%", v * 100);
    }
}
