package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate-curves on hand-written sweep and run outputs: which simulated point each published row meets, and refusals. */
class ValidateCurvesCommandTest {
    private static final String SWEEP_HEADER = "point,concurrency,system,metric,stat,mean,ci95_half_width,n,unit\n";

    @TempDir
    Path tmp;

    /** A sweep over concurrency 1 and 8 of one system: TPOT 10 ms and 20 ms, TTFT 0.1 s and 0.3 s, e2e 2 s and 4 s. */
    private Path sweep() throws Exception {
        Path dir = tmp.resolve("sweep");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("sweep.csv"), SWEEP_HEADER
                + "0,1,g,tpot_s,mean,0.010,NaN,1,s\n0,1,g,ttft_s,mean,0.1,NaN,1,s\n0,1,g,e2e_s,mean,2,NaN,1,s\n"
                + "1,8.0,g,tpot_s,mean,0.020,NaN,1,s\n1,8.0,g,ttft_s,mean,0.3,NaN,1,s\n1,8.0,g,e2e_s,mean,4,NaN,1,s\n");
        for (String p : List.of("p0000", "p0001")) {
            Files.createDirectories(dir.resolve("points").resolve(p));
            Files.writeString(dir.resolve("points").resolve(p).resolve("scenario.resolved.yaml"),
                    "name: x\nworkload:\n  source: closed\n  output_tokens: 100\n");
        }
        return dir;
    }

    private Path curves(String body) throws Exception {
        Path f = tmp.resolve("c.csv");
        Files.writeString(f, "dataset,grade,concurrency,metric,published,unit,fitted_by,source\n" + body);
        return f;
    }

    @Test
    void matchesEachRowToItsSweepPoint_andWritesTheErrors() throws Exception {
        Path c = curves("D,A,1,tpot,12.5,ms,,s\nD,A,8,ttft,200,ms,,s\nD,B,8,tok_s_user_e2e,20,tok/s,,s\n"
                + "D,A,1,ttft,100,ms,some_constant,s\n");
        Path out = tmp.resolve("e.csv");
        Path md = tmp.resolve("e.md");
        var r = CliTestSupport.run("validate-curves", "--out", out.toString(), "--markdown", md.toString(), c.toString(),
                sweep().toString());
        assertEquals(0, r.exit(), r.err());
        String markdown = Files.readString(md);
        assertTrue(markdown.startsWith("#### D\n") && markdown.contains("| TTFT | 1 | 1 | 50.0% | 1 |"), markdown);
        List<String> rows = Files.readAllLines(out);
        assertEquals(5, rows.size(), rows.toString());
        assertEquals(String.join(",", org.fabricsim.results.curves.CurveErrorsCsv.COLUMNS), rows.get(0));
        // 10 ms simulated against 12.5 ms published: TPOT -20%, so 25% faster per user
        String[] tpot = rows.get(1).split(",");
        assertEquals("concurrency=1", tpot[1]);
        assertEquals(10.0, Double.parseDouble(tpot[5]), 1e-9);
        assertEquals(-0.20, Double.parseDouble(tpot[7]), 1e-9);
        assertEquals("tok/s per user", tpot[8]);
        assertEquals(0.25, Double.parseDouble(tpot[9]), 1e-9);
        // concurrency 8 matches the sweep's 8.0; TTFT 300 ms against 200 ms: +50%
        String[] ttft = rows.get(2).split(",");
        assertEquals(300.0, Double.parseDouble(ttft[5]), 1e-9);
        assertEquals(0.5, Double.parseDouble(ttft[9]), 1e-9);
        assertEquals("true", ttft[11]);
        // 100 output tokens / 4 s = 25 tok/s against 20
        assertEquals(25.0, Double.parseDouble(rows.get(3).split(",")[5]), 1e-9);
        assertTrue(rows.get(4).endsWith(",some_constant,false"), rows.get(4));
        // the fitted row is left out of the TTFT median: only the +50% point counts
        assertTrue(r.out().matches("(?s).*TTFT\\s+1\\s+1\\s+50\\.0%.*"), r.out());
    }

    @Test
    void refuses_withExit2_pointsNoneMatch_unknownColumns_andOddArguments() throws Exception {
        Path s = sweep();
        var none = CliTestSupport.run("validate-curves", "--out", tmp.resolve("e.csv").toString(),
                curves("D,A,4,tpot,10,ms,,s\n").toString(), s.toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("c.csv:2: D {concurrency=4}: no simulated points"), none.err());

        Path other = tmp.resolve("o.csv");
        Files.writeString(other, "dataset,grade,isl,metric,published,unit,source\nD,A,128,tpot,10,ms,s\n");
        var column = CliTestSupport.run("validate-curves", other.toString(), s.toString());
        assertEquals(2, column.exit());
        assertTrue(column.err().contains("column 'isl' is no parameter of") && column.err().contains("concurrency"), column.err());

        var odd = CliTestSupport.run("validate-curves", other.toString(), s.toString(), other.toString());
        assertEquals(2, odd.exit());
        var notResults = CliTestSupport.run("validate-curves", other.toString(), tmp.toString());
        assertEquals(2, notResults.exit());
        assertTrue(notResults.err().contains("neither sweep.csv nor summary.csv"), notResults.err());
    }

    @Test
    void aRunWithSeveralSystems_needsASystemColumn() throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("summary.csv"), "system,metric,stat,value,unit\n"
                + "a,throughput_tokens_per_s,mean,90,tokens/s\nb,throughput_tokens_per_s,mean,200,tokens/s\n");
        Path bySystem = tmp.resolve("s.csv");
        Files.writeString(bySystem, "dataset,grade,system,metric,published,unit,source\nD,A,b,output_tok_s,100,tok/s,s\n");
        var ok = CliTestSupport.run("validate-curves", "--out", tmp.resolve("e.csv").toString(), bySystem.toString(), run.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(1.0, Double.parseDouble(Files.readAllLines(tmp.resolve("e.csv")).get(1).split(",")[7]), 1e-9);
        Path noSystem = tmp.resolve("n.csv");
        Files.writeString(noSystem, "dataset,grade,metric,published,unit,source\nD,A,output_tok_s,100,tok/s,s\n");
        var refused = CliTestSupport.run("validate-curves", noSystem.toString(), run.toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("has systems a, b; add a 'system' column"), refused.err());
    }

    @Test
    void validate_acceptsACurveFile_andRefusesABadOneWithItsLine() throws Exception {
        Path good = curves("D,A,1,tpot,12.5,ms,,s\n");
        var ok = CliTestSupport.run("validate", good.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("ok (curve file, 1 published point(s))"), ok.out());
        Path bad = curves("D,A,1,tpot,12.5,tok/s,,s\n");
        var refused = CliTestSupport.run("validate", bad.toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("c.csv:2: unit"), refused.err());
    }

    /** Every shipped curve file pairs with the sweep or run of its name: each published point meets one simulated point. */
    @Test
    void shippedCurveFiles_eachPointMeetsExactlyOnePointOfItsScenario() throws Exception {
        Path dir = Path.of("..", "scenarios", "validation", "curves");
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertTrue(files.size() >= 5, files.toString());
        for (Path csv : files) {
            Path yaml = dir.resolve(csv.getFileName().toString().replace(".csv", ".yaml"));
            List<org.fabricsim.results.curves.PublishedPoint> points = org.fabricsim.results.curves.PublishedCurves.read(csv);
            if (ValidateCommand.kind(yaml) == ValidateCommand.Kind.SWEEP) {
                var plan = SweepLoader.load(yaml);
                for (var p : points) {
                    long meets = plan.points().stream().filter(pt -> p.key().entrySet().stream()
                            .allMatch(e -> plan.parameters().contains(e.getKey()) && Double.parseDouble(e.getValue())
                                    == Double.parseDouble(pt.values().get(plan.parameters().indexOf(e.getKey()))))).count();
                    assertEquals(1, meets, csv + ":" + p.line() + " " + p.key());
                }
            } else {
                List<String> systems = ScenarioLoader.load(yaml, null).systems().stream().map(c -> c.name()).toList();
                for (var p : points) {
                    String system = p.key().get("system");
                    assertTrue(system == null ? systems.size() == 1 : systems.contains(system), csv + ":" + p.line());
                }
            }
        }
    }
}
