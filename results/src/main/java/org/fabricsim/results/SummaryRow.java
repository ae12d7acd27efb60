package org.fabricsim.results;

/** One row of summary.csv (tidy: one value per row). */
public record SummaryRow(String system, String metric, String stat, double value, String unit) {
}
