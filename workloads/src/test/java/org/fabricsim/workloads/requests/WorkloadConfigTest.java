package org.fabricsim.workloads.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fabricsim.core.random.RandomStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statistical checks use fixed seeds and a tolerance of 5 standard errors of the estimate. */
class WorkloadConfigTest {
    @TempDir
    Path dir;

    private static WorkloadConfig config(String source, Integer requests, Double rate, LengthDistribution prompt,
            LengthDistribution output, TraceConfig trace, Double timeScale, Integer maxRequests, Double maxDurationS) {
        return new WorkloadConfig(source, requests, rate, null, null, null, null, prompt, output, trace, timeScale,
                maxRequests, maxDurationS);
    }

    private static TraceConfig sampleTrace(String relative, String format) {
        return new TraceConfig(SharedTraces.sample(relative).toString(), format, null, null);
    }

    private static double[] arrivals(List<Request> list) {
        return list.stream().mapToDouble(Request::arrivalS).toArray();
    }

    @Test
    void poisson_meanInterArrival_withinFiveSigmaOfOneOverRate() {
        int n = 20_000;
        double rate = 4.0;
        List<Request> r = config("poisson", n, rate, null, null, null, null, null, null).requestList(new RandomStreams(7));
        double mean = r.get(n - 1).arrivalS() / n; // first gap is from t = 0
        // exponential gaps: standard error of the mean = (1/rate)/sqrt(n)
        assertEquals(1 / rate, mean, 5 * (1 / rate) / Math.sqrt(n));
    }

    @Test
    void poisson_timeScaleHalf_halvesEveryArrival() {
        double[] base = arrivals(config("poisson", 500, 3.0, null, null, null, null, null, null)
                .requestList(new RandomStreams(3)));
        double[] half = arrivals(config("poisson", 500, 3.0, null, null, null, 0.5, null, null)
                .requestList(new RandomStreams(3)));
        for (int i = 0; i < base.length; i++) {
            assertEquals(base[i] / 2, half[i], 1e-12 * base[i]);
        }
    }

    @Test
    void trace_timeScaleHalf_halvesTheSpan() {
        Path f = SharedTraces.sample(SharedTraces.AZURE_CONV);
        TraceRows rows = new AzureTraceReader().read(f, false, Integer.MAX_VALUE);
        TraceConfig t = new TraceConfig(f.toString(), "azure", null, null);
        List<Request> one = config("trace", null, null, null, null, t, null, null, null).requestList(new RandomStreams(1));
        List<Request> half = config("trace", null, null, null, null, t, 0.5, null, null).requestList(new RandomStreams(1));
        assertEquals(rows.size(), one.size());
        assertEquals(one.size(), half.size());
        assertEquals(0.0, one.get(0).arrivalS());
        // replay starts at the first row, so the last arrival is the file's span
        assertEquals(rows.timeS(rows.size() - 1) - rows.timeS(0), one.get(one.size() - 1).arrivalS(), 1e-9);
        assertEquals(one.get(one.size() - 1).arrivalS() / 2, half.get(half.size() - 1).arrivalS(), 1e-9);
    }

    @Test
    void trace_lengthsAndOrderAreTheFileRows() {
        Path f = SharedTraces.sample(SharedTraces.AZURE_CODE);
        TraceRows rows = new AzureTraceReader().read(f, false, Integer.MAX_VALUE);
        List<Request> r = config("trace", null, null, null, null, new TraceConfig(f.toString(), "azure", null, null),
                null, null, null).requestList(new RandomStreams(1));
        for (int i = 0; i < r.size(); i++) {
            assertEquals(i, r.get(i).id());
            assertEquals(rows.promptTokens(i), r.get(i).promptTokens());
            assertEquals(rows.outputTokens(i), r.get(i).outputTokens());
        }
    }

    @Test
    void trace_maxRequests_keepsTheFirstN() {
        TraceConfig t = sampleTrace(SharedTraces.AZURE_CONV, "azure");
        List<Request> all = config("trace", null, null, null, null, t, null, null, null).requestList(new RandomStreams(1));
        List<Request> first = config("trace", null, null, null, null, t, null, 250, null).requestList(new RandomStreams(1));
        assertEquals(all.subList(0, 250), first);
    }

    @Test
    void trace_maxDuration_keepsExactlyTheRequestsArrivingBeforeIt_inScaledTime() {
        TraceConfig t = sampleTrace(SharedTraces.AZURE_CONV, "azure");
        List<Request> all = config("trace", null, null, null, null, t, 0.5, null, null).requestList(new RandomStreams(1));
        List<Request> cut = config("trace", null, null, null, null, t, 0.5, null, 5.0).requestList(new RandomStreams(1));
        long expected = all.stream().filter(r -> r.arrivalS() <= 5.0).count();
        assertEquals(expected, cut.size());
        assertEquals(all.subList(0, cut.size()), cut);
        // the sample's 300 rows span about 24 trace seconds, 12 scaled: 5 s keeps some but not all
        assertTrue(cut.size() > 0 && cut.size() < all.size(), "kept " + cut.size());
    }

    @Test
    void mooncake_bucketSpread_arrivalsSortedAndEachInsideItsBucket() {
        Path f = SharedTraces.sample(SharedTraces.MOONCAKE_CONV);
        TraceRows rows = new MooncakeTraceReader().read(f, false, Integer.MAX_VALUE);
        List<Request> r = config("trace", null, null, null, null, new TraceConfig(f.toString(), "mooncake", null, null),
                null, null, null).requestList(new RandomStreams(5));
        assertEquals(rows.size(), r.size());
        double[] a = arrivals(r);
        Set<Double> distinct = new HashSet<>();
        for (int i = 0; i < a.length; i++) {
            double bucket = rows.timeS(i);
            double next = bucket;
            for (int j = i; j < a.length && next == bucket; j++) {
                next = rows.timeS(j);
            }
            double end = next == bucket ? bucket + 3.0 : Math.min(next, bucket + 3.0);
            assertTrue(a[i] >= bucket && a[i] < end, "request " + i + " at " + a[i] + " outside [" + bucket + ", " + end + ")");
            assertTrue(i == 0 || a[i] >= a[i - 1], "sorted at " + i);
            distinct.add(a[i]);
        }
        // recorded timestamps repeat (whole seconds, many rows each); after spreading nearly every arrival is distinct
        assertTrue(distinct.size() > 0.99 * a.length, "distinct arrivals " + distinct.size() + " of " + a.length);
    }

    @Test
    void mooncake_bucketZero_replaysRecordedTimestamps() {
        Path f = SharedTraces.sample(SharedTraces.MOONCAKE_SYNTH);
        TraceRows rows = new MooncakeTraceReader().read(f, false, Integer.MAX_VALUE);
        List<Request> r = config("trace", null, null, null, null, new TraceConfig(f.toString(), "mooncake", null, 0.0),
                null, null, null).requestList(new RandomStreams(5));
        for (int i = 0; i < r.size(); i++) {
            assertEquals(rows.timeS(i), r.get(i).arrivalS(), 1e-12);
        }
    }

    @Test
    void sharegpt_withPoisson_pairsDrawnFromTheFileRows() {
        Path f = SharedTraces.sample(SharedTraces.SHAREGPT);
        TraceRows rows = new ShareGptLengthsReader().read(f, false, Integer.MAX_VALUE);
        Set<Long> pairs = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            pairs.add(((long) rows.promptTokens(i) << 32) | rows.outputTokens(i));
        }
        int n = 20_000;
        List<Request> r = config("poisson", n, 2.0, null, null, new TraceConfig(f.toString(), "sharegpt", null, null),
                null, null, null).requestList(new RandomStreams(11));
        assertEquals(n, r.size());
        double prompt = 0;
        for (Request q : r) {
            assertTrue(pairs.contains(((long) q.promptTokens() << 32) | q.outputTokens()));
            prompt += q.promptTokens();
        }
        // resampling with replacement: the mean lies within 5 standard errors of the file's mean
        double mean = rows.meanPromptTokens();
        double var = 0;
        for (int i = 0; i < rows.size(); i++) {
            var += Math.pow(rows.promptTokens(i) - mean, 2) / rows.size();
        }
        assertEquals(mean, prompt / n, 5 * Math.sqrt(var / n));
    }

    @Test
    void sharegpt_asTraceSource_refusedForLackOfTimestamps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config("trace", null, null, null, null, new TraceConfig("x.csv", "sharegpt", null, null), null, null, null));
        assertTrue(e.getMessage().contains("no timestamps"), e.getMessage());
    }

    @Test
    void lognormal_medianGiven_sampleMedianMatches() {
        int n = 20_001;
        LengthDistribution d = new LengthDistribution("lognormal", null, null, null, null, 1000.0, 1.0);
        int[] x = lengths(config("offline", n, null, d, null, null, null, null, null), true);
        Arrays.sort(x);
        // the sample median of ln X has standard error 1.2533 sigma / sqrt(n) = 0.0089: allow 5 of them
        assertEquals(Math.log(1000), Math.log(x[n / 2]), 5 * 1.2533 / Math.sqrt(n));
    }

    @Test
    void lognormal_meanGiven_sampleMeanMatches() {
        int n = 20_000;
        double sigma = 0.5;
        LengthDistribution d = new LengthDistribution("lognormal", null, null, null, 400.0, null, sigma);
        int[] x = lengths(config("offline", n, null, null, d, null, null, null, null), false);
        double cv = Math.sqrt(Math.exp(sigma * sigma) - 1); // coefficient of variation of a lognormal
        assertEquals(400.0, Arrays.stream(x).average().orElseThrow(), 5 * 400 * cv / Math.sqrt(n));
    }

    @Test
    void lognormal_clampedToMinAndMax() {
        LengthDistribution d = new LengthDistribution("lognormal", null, 100, 2000, null, 1000.0, 2.0);
        int[] x = lengths(config("offline", 5000, null, d, null, null, null, null, null), true);
        assertEquals(100, Arrays.stream(x).min().orElseThrow());
        assertEquals(2000, Arrays.stream(x).max().orElseThrow());
    }

    @Test
    void uniform_coversBothBoundsWithMeanAtMidpoint() {
        int n = 20_000;
        LengthDistribution d = new LengthDistribution("uniform", null, 10, 30, null, null, null);
        int[] x = lengths(config("offline", n, null, d, null, null, null, null, null), true);
        assertEquals(10, Arrays.stream(x).min().orElseThrow());
        assertEquals(30, Arrays.stream(x).max().orElseThrow());
        double sd = Math.sqrt((21.0 * 21 - 1) / 12); // discrete uniform on 21 values
        assertEquals(20.0, Arrays.stream(x).average().orElseThrow(), 5 * sd / Math.sqrt(n));
    }

    private static int[] lengths(WorkloadConfig c, boolean prompt) {
        return c.requestList(new RandomStreams(2)).stream()
                .mapToInt(prompt ? Request::promptTokens : Request::outputTokens).toArray();
    }

    @Test
    void defaults_fixedLengths512And256_offlineAllAtZero() {
        List<Request> r = new WorkloadConfig("offline", 10, null, null, null, null, null).requestList(new RandomStreams(1));
        assertEquals(10, r.size());
        for (Request q : r) {
            assertEquals(0.0, q.arrivalS());
            assertEquals(512, q.promptTokens());
            assertEquals(256, q.outputTokens());
        }
    }

    @Test
    void requests_aBillion_refusedWithTheCap() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorkloadConfig("poisson", 1_000_000_000, 1.0, null, null, null, null));
        assertTrue(e.getMessage().startsWith("requests:") && e.getMessage().contains("10000000"), e.getMessage());
    }

    @Test
    void conflictingKeys_refusedNamingTheKey() {
        TraceConfig t = new TraceConfig("x.csv", "azure", null, null);
        assertThrows(IllegalArgumentException.class,
                () -> new WorkloadConfig("trace", null, null, null, null, 512, null, null, null, t, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new WorkloadConfig("trace", 100, null, null, null, null, null, null, null, t, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new WorkloadConfig("closed", 10, null, 2, 0.0, null, null, null, null, null, 0.5, null, null));
        assertThrows(IllegalArgumentException.class, () -> new WorkloadConfig("poisson", 10, 1.0, null, null, 512, null,
                LengthDistribution.fixed(10), null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new TraceConfig("x.csv", "azure", null, 3.0));
        assertThrows(IllegalArgumentException.class,
                () -> new LengthDistribution("lognormal", null, null, null, 100.0, 100.0, 1.0));
    }

    @Test
    void relativeTracePath_resolvedAgainstBaseDir() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("traces"));
        Files.writeString(sub.resolve("t.jsonl"), "{\"timestamp\": 500, \"input_length\": 7, \"output_length\": 3}\n"
                + "{\"timestamp\": 1500, \"input_length\": 8, \"output_length\": 4}\n");
        WorkloadConfig c = config("trace", null, null, null, null, new TraceConfig("traces/t.jsonl", "mooncake", null, 0.0),
                null, null, null);
        List<Request> r = c.requestList(new RandomStreams(1), dir);
        assertEquals(List.of(new Request(0, 0.0, 7, 3), new Request(1, 1.0, 8, 4)), r);
    }

    @Test
    void skipBadLines_countReportedInTheNote() throws IOException {
        Path f = dir.resolve("t.jsonl");
        Files.writeString(f, "{\"timestamp\": 0, \"input_length\": 7, \"output_length\": 0}\nnonsense\n"
                + "{\"timestamp\": 10, \"input_length\": 8, \"output_length\": 4}\n");
        WorkloadRequests w = config("trace", null, null, null, null, new TraceConfig(f.toString(), "mooncake", true, 0.0),
                null, null, null).load(new RandomStreams(1));
        assertEquals(2, w.requests().size());
        assertEquals(1, w.skippedLines());
        assertEquals(1, w.raisedOutputs());
        assertTrue(w.note().contains("skipped 1 bad line") && w.note().contains(f + ":2: "), w.note());
        WorkloadConfig strict = config("trace", null, null, null, null, new TraceConfig(f.toString(), "mooncake", null, 0.0),
                null, null, null);
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> strict.load(new RandomStreams(1)));
        assertEquals(2, e.line());
    }

    @Test
    void noteIsNull_whenNothingSkipped() {
        assertNull(new WorkloadConfig("offline", 3, null, null, null, null, null).load(new RandomStreams(1)).note());
    }

    @Test
    void snakeCaseKeys_bindNestedTraceAndLengthBlocks() throws IOException {
        ObjectMapper m = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        WorkloadConfig c = m.readValue("""
                {"source": "poisson", "rate_per_s": 2, "requests": 50, "time_scale": 0.5, "max_duration_s": 100,
                 "max_requests": 40,
                 "prompt_length": {"distribution": "lognormal", "median": 800, "sigma": 0.7, "max": 8192},
                 "output_length": {"distribution": "uniform", "min": 10, "max": 20}}""", WorkloadConfig.class);
        assertEquals(0.5, c.timeScale());
        assertEquals(8192, c.promptLength().max());
        assertEquals(20, c.outputLength().max());
        WorkloadConfig t = m.readValue("""
                {"source": "trace", "trace": {"path": "a.jsonl", "format": "mooncake", "skip_bad_lines": true, "bucket_s": 2}}""",
                WorkloadConfig.class);
        assertEquals(2.0, t.trace().bucketS());
        assertTrue(t.trace().skipBadLines());
    }
}
