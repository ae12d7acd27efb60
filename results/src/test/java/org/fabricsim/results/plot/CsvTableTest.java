package org.fabricsim.results.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @TempDir
    Path tmp;

    @Test
    void read_quotedFieldWithACommaAndAQuote_isOneCell() throws Exception {
        Path f = tmp.resolve("s.csv");
        Files.writeString(f, "system,metric,value\n\"h100, eager\",ttft_s,0.5\n\"say \"\"hi\"\"\",ttft_s,1.5\n");
        CsvTable t = CsvTable.read(f);
        assertEquals(List.of("system", "metric", "value"), t.columns());
        assertEquals(2, t.size());
        assertEquals("h100, eager", t.get(0, "system"));
        assertEquals(0.5, t.number(0, "value"));
        assertEquals("say \"hi\"", t.get(1, "system"));
        assertEquals(1.5, t.number(1, "value"));
    }
}
