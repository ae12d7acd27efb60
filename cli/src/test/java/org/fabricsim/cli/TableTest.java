package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    @Test
    void render_cellsFitMinimumWidths_sameAsPrintf() {
        Table t = new Table(Table.Col.left("system", 8), Table.Col.right("p50 ms", 8), Table.Col.right("tok/s", 7));
        t.row("wse3", "0.592", "934.0").row("h100", "5.359", "186.6");
        String printf = String.format("%-8s %8s %7s%n%-8s %8s %7s%n%-8s %8s %7s%n", "system", "p50 ms", "tok/s", "wse3",
                "0.592", "934.0", "h100", "5.359", "186.6");
        assertEquals(printf, t.render());
    }

    @Test
    void render_longCell_widensItsColumnForEveryRow() {
        Table t = new Table(Table.Col.left("model", 4), Table.Col.right("B", 5));
        t.row("deepseek-r1-nvfp4", "671.0").row("kimi", "1026.4");
        // both columns grow to their widest cell: 17 for the name, 6 for 1026.4
        assertEquals(List.of("model                  B", "deepseek-r1-nvfp4  671.0", "kimi              1026.4"),
                lines(t.render()));
    }

    @Test
    void render_headerLongerThanMinimum_numbersRightAlignedUnderIt() {
        Table t = new Table(Table.Col.left("s", 2), Table.Col.right("throughput tok/s", 6));
        t.row("a", "12.5");
        assertEquals(List.of("s  throughput tok/s", "a              12.5"), lines(t.render()));
    }

    @Test
    void render_emptyHeaders_noHeaderRow_noTrailingSpaces() {
        Table t = new Table(Table.Col.left("", 6), Table.Col.left("", 0));
        t.row("flow", "max-min rates").row("cycle", "");
        assertEquals(List.of("flow   max-min rates", "cycle"), lines(t.render()));
    }

    @Test
    void line_overlongCell_pushesTheRestRightAsPrintfDoes() {
        Table t = new Table(Table.Col.right("rate", 6), Table.Col.right("lat", 5), Table.Col.left("", 0));
        assertEquals(String.format("%6s %5s%n", "0.0200", "26.09"), t.line("0.0200", "26.09", ""));
        assertEquals(String.format("%6s %5s %s%n", "0.2100", "220.55", "saturated"), t.line("0.2100", "220.55", "saturated"));
    }
}
