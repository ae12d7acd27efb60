package org.fabricsim.results.curves;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads a curve file: one published figure per row, columns {@link #REQUIRED} and optionally {@link #OPTIONAL}; every
 * other column is part of the load point's key and names a sweep parameter (or {@code system}). A bad file is an
 * {@link IllegalArgumentException} whose message names the file, line and column.
 */
public final class PublishedCurves {
    public static final List<String> REQUIRED = List.of("dataset", "grade", "metric", "published", "unit", "source");
    public static final List<String> OPTIONAL = List.of("fitted_by", "note");

    private PublishedCurves() {
    }

    public static List<PublishedPoint> read(Path file) throws IOException {
        List<PublishedPoint> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> speedRow = new HashMap<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class).with(schema)
                .readValues(file.toFile())) {
            List<String> keyColumns = null;
            int line = 1;
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                line++;
                if (keyColumns == null) {
                    keyColumns = keyColumns(file, row.keySet());
                }
                PublishedPoint p = point(file, line, row, keyColumns);
                String where = p.dataset() + " " + new TreeMap<>(p.key());
                if (!seen.add(where + " " + p.metric())) {
                    throw new IllegalArgumentException(file + ":" + line + ": a second " + p.metric().key() + " for " + where);
                }
                if (p.metric().headline() == CurveMetric.Headline.USER_SPEED) {
                    Integer first = speedRow.putIfAbsent(where, line);
                    if (first != null) {
                        throw new IllegalArgumentException(file + ":" + line + ": a second per-user speed for " + where
                                + " (line " + first + "); transcribe one of tpot, itl, tok_s_user, tok_s_user_e2e, tok_s_user_batch per point");
                    }
                }
                out.add(p);
            }
        } catch (RuntimeJsonMappingException e) {
            throw new IllegalArgumentException(file + ": malformed CSV: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": no rows");
        }
        return out;
    }

    private static List<String> keyColumns(Path file, Set<String> header) {
        List<String> missing = REQUIRED.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + ":1: missing column(s) " + missing + "; a curve file has "
                    + REQUIRED + ", optionally " + OPTIONAL + ", and the load point's columns");
        }
        return header.stream().filter(c -> !REQUIRED.contains(c) && !OPTIONAL.contains(c)).toList();
    }

    private static PublishedPoint point(Path file, int line, Map<String, String> row, List<String> keyColumns) {
        String at = file + ":" + line + ": ";
        String dataset = required(at, row, "dataset");
        String grade = required(at, row, "grade");
        if (!grade.matches("[ABC]")) {
            throw new IllegalArgumentException(at + "grade: A, B or C, got '" + grade + "'");
        }
        String metricKey = required(at, row, "metric");
        CurveMetric metric = CurveMetric.byKey(metricKey);
        if (metric == null) {
            throw new IllegalArgumentException(at + "metric: unknown '" + metricKey + "'; one of "
                    + Arrays.stream(CurveMetric.values()).map(CurveMetric::key).collect(Collectors.joining(", ")));
        }
        String text = required(at, row, "published");
        double published;
        try {
            published = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(at + "published: '" + text + "' is not a number");
        }
        if (!(published > 0) || Double.isInfinite(published)) {
            throw new IllegalArgumentException(at + "published: must be a positive number, got " + text);
        }
        String unit = required(at, row, "unit");
        if (Double.isNaN(metric.toSi(unit))) {
            throw new IllegalArgumentException(at + "unit: '" + unit + "' does not measure " + metricKey + " (use "
                    + (metric.kind() == CurveMetric.Kind.TIME ? "s, ms or us" : "tok/s") + ")");
        }
        Map<String, String> key = new LinkedHashMap<>();
        for (String c : keyColumns) {
            key.put(c, required(at, row, c));
        }
        return new PublishedPoint(dataset, grade.charAt(0), key, metric, published, unit, row.get("fitted_by"),
                required(at, row, "source"), row.get("note"), line);
    }

    private static String required(String at, Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(at + column + ": empty");
        }
        return v.strip();
    }
}
