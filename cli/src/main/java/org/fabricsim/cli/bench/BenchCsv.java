package org.fabricsim.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes bench.csv: a header {@code benchmark,parameter,value,unit} and one line per row. */
public final class BenchCsv {
    public static final String HEADER = "benchmark,parameter,value,unit";

    private BenchCsv() {
    }

    public static void write(Path file, List<BenchRow> rows) throws IOException {
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(HEADER);
        rows.forEach(r -> lines.add(r.csv()));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
