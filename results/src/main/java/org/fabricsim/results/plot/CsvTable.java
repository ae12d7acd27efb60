package org.fabricsim.results.plot;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A CSV file with a header, read whole as text cells, looked up by column name. */
final class CsvTable {
    private final Path file;
    private final List<String> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String[]> rows;

    private CsvTable(Path file, List<String> columns, List<String[]> rows) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
    }

    static CsvTable read(Path file) throws IOException {
        CsvMapper m = new CsvMapper();
        m.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = m.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(file.toFile())) {
            if (!it.hasNext()) {
                throw new IOException(file + ": empty, no header");
            }
            List<String> header = List.of(it.next());
            while (it.hasNext()) {
                rows.add(it.next());
            }
            return new CsvTable(file, header, rows);
        }
    }

    List<String> columns() {
        return Collections.unmodifiableList(columns);
    }

    int size() {
        return rows.size();
    }

    boolean has(String column) {
        return index.containsKey(column);
    }

    String get(int row, String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException(file + ": no column '" + column + "'; columns: " + columns);
        }
        return rows.get(row)[i];
    }

    double number(int row, String column) {
        return Double.parseDouble(get(row, column));
    }
}
