package org.fabricsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fabricsim.fabric.api.LinkUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UtilizationCsvTest {
    @TempDir
    Path tmp;

    @Test
    void write_oneRowPerClass_valuesInContractColumns() throws Exception {
        Path f = tmp.resolve("utilization.csv");
        UtilizationCsv.write(f, List.of(new UtilizationCsv.Row("wse", 1, new LinkUsage("mesh", 4, 0.5, 0.25, 0.75, 1.5, 1e6))));
        List<String> lines = Files.readAllLines(f);
        assertEquals(String.join(",", UtilizationCsv.COLUMNS), lines.get(0));
        assertEquals("wse,1,mesh,4,0.5,0.25,0.75,1.5,1000000.0", lines.get(1));
    }

    @Test
    void write_noClasses_headerOnly() throws Exception {
        Path f = tmp.resolve("utilization.csv");
        UtilizationCsv.write(f, List.of());
        assertEquals(List.of(String.join(",", UtilizationCsv.COLUMNS)), Files.readAllLines(f));
    }

    @Test
    void row_negativeReplication_refusedNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new UtilizationCsv.Row("s", -1, new LinkUsage("hbm", 1, 0, 0, 0, 0, 0)));
        assertEquals("replication: must be >= 0, got -1", e.getMessage());
    }
}
