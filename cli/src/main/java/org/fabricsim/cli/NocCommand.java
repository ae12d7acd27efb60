package org.fabricsim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fabricsim.fabric.noc.LoadPoint;
import org.fabricsim.fabric.noc.LoadSweep;
import org.fabricsim.fabric.noc.RouterConfig;
import org.fabricsim.fabric.noc.RouterPreset;
import org.fabricsim.fabric.noc.SweepResult;
import org.fabricsim.fabric.noc.SyntheticTrafficSpec;
import org.fabricsim.fabric.noc.TrafficPattern;
import org.fabricsim.fabric.noc.VcRelease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fabricsim noc}: a synthetic-traffic sweep on the cycle-level mesh, reported the way BookSim
 * reports it (offered and accepted throughput and packet latency per injection rate, saturation throughput).
 */
@Command(name = "noc", mixinStandardHelpOptions = true,
        description = "Cycle-level mesh micro-benchmark: latency against injection rate and saturation throughput of a"
                + " k x k mesh of virtual-channel routers under synthetic traffic (uniform, transpose, bit_complement,"
                + " hotspot). Prints a table and writes it as CSV (default out/noc/<name>.csv).")
final class NocCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("injection_rate", "offered_flits_per_node_cycle",
            "accepted_flits_per_node_cycle", "mean_latency_cycles", "p99_latency_cycles", "packets_measured",
            "packets_arrived", "saturated");
    /** WSE-2 core clock (shared/reference/hardware.md, "Core clock (WSE-2)"), the default mesh clock. */
    static final double WSE2_CLOCK_HZ = 1.1e9;
    /** The table printed a load point at a time as the sweep measures them; the last column flags saturation. */
    private static final Table TABLE = new Table(Table.Col.right("inj rate", 10), Table.Col.right("offered", 10),
            Table.Col.right("accepted", 10), Table.Col.right("mean lat", 12), Table.Col.right("p99 lat", 10),
            Table.Col.right("packets", 10), Table.Col.left("", 0));
    /** Most warm-up, measured or drain cycles of one point. */
    static final long MAX_CYCLES = 100_000_000L;

    @Parameters(paramLabel = "CONFIG", description = "NoC experiment file (YAML)")
    Path configFile;

    @Option(names = "--out", paramLabel = "FILE", description = "CSV file to write (default: out/noc/<name>.csv)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "seed overriding the config's")
    Long seed;

    @Option(names = "--timing", description = "print simulated cycles per second of each point on stderr")
    boolean timing;

    @picocli.CommandLine.Mixin
    QuietOption output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * Router pipeline of a config: a named preset ({@link RouterPreset}, default {@code fabricsim}, the wafer router)
     * whose values any other key given overrides.
     */
    record Router(String preset, Integer routingCycles, Integer vcAllocCycles, Integer switchAllocCycles,
            Integer switchTraversalCycles, Integer linkCycles, Integer virtualChannels, Integer bufferDepthFlits,
            Integer injectionCycles, Integer ejectionCycles, Integer creditDelayCycles, Integer switchAllocIterations,
            String vcRelease) {
        static final Router DEFAULT = new Router(null, null, null, null, null, null, null, null, null, null, null, null, null);

        RouterConfig toConfig() {
            RouterConfig p = RouterPreset.REGISTRY.get(preset == null ? RouterPreset.FABRICSIM.key() : preset).config();
            return new RouterConfig(or(routingCycles, p.routingCycles()), or(vcAllocCycles, p.vcAllocCycles()),
                    or(switchAllocCycles, p.switchAllocCycles()), or(switchTraversalCycles, p.switchTraversalCycles()),
                    or(linkCycles, p.linkCycles()), or(virtualChannels, p.virtualChannels()),
                    or(bufferDepthFlits, p.bufferDepthFlits()), or(injectionCycles, p.injectionCycles()),
                    or(ejectionCycles, p.ejectionCycles()), or(creditDelayCycles, p.creditDelayCycles()),
                    or(switchAllocIterations, p.switchAllocIterations()),
                    vcRelease == null ? p.vcRelease() : VcRelease.REGISTRY.get(vcRelease));
        }

        private static int or(Integer v, int dflt) {
            return v == null ? dflt : v;
        }
    }

    /** Hot nodes as [x, y] pairs and the fraction of packets sent to them. */
    record Hotspot(List<List<Integer>> nodes, Double fraction) {
    }

    /** Injection rates start, start + step, ... up to stop (inclusive). */
    record Sweep(Double start, Double stop, Double step) {
        Sweep {
            if (start == null || stop == null || step == null) {
                throw new IllegalArgumentException("sweep: start, stop and step are all required");
            }
            if (!(step > 0) || !(start > 0) || !(stop >= start) || (stop - start) / step > 1000) {
                throw new IllegalArgumentException("sweep: need 0 < start <= stop and step > 0 with at most 1000 points, got start "
                        + start + ", stop " + stop + ", step " + step);
            }
        }

        List<Double> rates() {
            List<Double> r = new ArrayList<>();
            long n = Math.round(Math.floor((stop - start) / step + 1e-9));
            for (long i = 0; i <= n; i++) {
                r.add(Math.round((start + i * step) * 1e9) / 1e9);
            }
            return r;
        }
    }

    /** A NoC experiment file, snake_case keys. */
    record Config(String name, String description, Integer mesh, Double clockHz, Router router, Integer packetFlits,
            String traffic, Hotspot hotspot, List<Double> injectionRates, Sweep sweep, Long warmupCycles, Long measureCycles,
            Long drainCycles, Long seed) {
        Config {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException(
                        "name: required, letters, digits, '.', '_' and '-' only (it names the CSV file), got '" + name + "'");
            }
            description = description == null ? "" : description;
            if (mesh == null || mesh < 2 || mesh > 64) {
                throw new IllegalArgumentException("mesh: the side k of the k x k mesh is required, 2..64, got " + mesh);
            }
            clockHz = clockHz == null ? WSE2_CLOCK_HZ : clockHz;
            if (!(clockHz >= 1e6 && clockHz <= 1e11)) {
                throw new IllegalArgumentException("clock_hz: must be within 1 MHz .. 100 GHz, got " + clockHz);
            }
            router = router == null ? Router.DEFAULT : router;
            packetFlits = packetFlits == null ? 1 : packetFlits;
            if (packetFlits < 1 || packetFlits > 4096) {
                throw new IllegalArgumentException("packet_flits: must be in 1..4096, got " + packetFlits);
            }
            traffic = traffic == null ? "uniform" : traffic;
            if ((injectionRates == null) == (sweep == null)) {
                throw new IllegalArgumentException("injection_rates / sweep: give exactly one of them");
            }
            injectionRates = injectionRates != null ? injectionRates : sweep.rates();
            if (injectionRates.isEmpty()) {
                throw new IllegalArgumentException("injection_rates: at least one rate is required");
            }
            for (Double r : injectionRates) {
                if (r == null || !(r > 0 && r <= 1)) {
                    throw new IllegalArgumentException("injection_rates: each rate must be in (0, 1] flits/node/cycle, got " + r);
                }
            }
            injectionRates = List.copyOf(injectionRates);
            warmupCycles = warmupCycles == null ? 2_000L : warmupCycles;
            measureCycles = measureCycles == null ? 10_000L : measureCycles;
            drainCycles = drainCycles == null ? measureCycles : drainCycles;
            // every cycle is simulated: 10^8 cycles of a 64 x 64 mesh is already hours
            for (Object[] f : new Object[][] {{"warmup_cycles", warmupCycles, 0L}, {"measure_cycles", measureCycles, 1L},
                    {"drain_cycles", drainCycles, 0L}}) {
                long v = (Long) f[1];
                if (v < (Long) f[2] || v > MAX_CYCLES) {
                    throw new IllegalArgumentException(f[0] + ": must be in " + f[2] + ".." + MAX_CYCLES + " cycles, got " + v);
                }
            }
            seed = seed == null ? 1L : seed;
        }

        TrafficPattern pattern() {
            int[] hot = null;
            double fraction = 0;
            if (traffic.equals("hotspot")) {
                if (hotspot == null || hotspot.nodes() == null || hotspot.fraction() == null) {
                    throw new IllegalArgumentException("hotspot: traffic 'hotspot' needs hotspot.nodes ([[x, y], ...]) and hotspot.fraction");
                }
                hot = new int[hotspot.nodes().size()];
                for (int i = 0; i < hot.length; i++) {
                    List<Integer> xy = hotspot.nodes().get(i);
                    if (xy == null || xy.size() != 2 || xy.get(0) == null || xy.get(1) == null || xy.get(0) < 0 || xy.get(0) >= mesh
                            || xy.get(1) < 0 || xy.get(1) >= mesh) {
                        throw new IllegalArgumentException("hotspot.nodes[" + i + "]: must be [x, y] inside the " + mesh + " x " + mesh
                                + " mesh, got " + xy);
                    }
                    hot[i] = xy.get(1) * mesh + xy.get(0);
                }
                fraction = hotspot.fraction();
            } else if (hotspot != null) {
                throw new IllegalArgumentException("hotspot: only allowed with traffic: hotspot, traffic is '" + traffic + "'");
            }
            return TrafficPattern.named(traffic, mesh, mesh, hot, fraction);
        }

        SyntheticTrafficSpec toSpec() {
            for (Double r : injectionRates) {
                if (r > packetFlits) {
                    throw new IllegalArgumentException("injection_rates: " + r + " exceeds packet_flits " + packetFlits);
                }
            }
            return new SyntheticTrafficSpec(mesh, mesh, router.toConfig(), pattern(), packetFlits, warmupCycles, measureCycles,
                    drainCycles, clockHz);
        }
    }

    @Override
    public Integer call() throws Exception {
        Config c = load(configFile);
        SyntheticTrafficSpec s;
        try {
            s = c.toSpec();
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(configFile + ": " + e.getMessage(), e);
        }
        long runSeed = seed != null ? seed : c.seed();
        Path csv = out != null ? out : Path.of("out", "noc", c.name() + ".csv");
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RouterConfig r = s.router();
        int k = c.mesh();
        if (!output.quiet) {
            o.printf(Locale.ROOT, "%s: %d x %d mesh, %s traffic, %d-flit packets, seed %d%n", c.name(), k, k, c.traffic(),
                    c.packetFlits(), runSeed);
            o.printf(Locale.ROOT, "router: RC %d, VA %d, SA %d, ST %d, link %d cycles (%d per hop); %d VCs x %d flits%n",
                    r.routingCycles(), r.vcAllocCycles(), r.switchAllocCycles(), r.switchTraversalCycles(), r.linkCycles(),
                    r.hopCycles(), r.virtualChannels(), r.bufferDepthFlits());
            o.printf(Locale.ROOT, "channels: injection %d, ejection %d cycles; credit delay %d cycles; switch allocator %d"
                    + " iteration(s); VC freed on the %s%n", r.injectionCycles(), r.ejectionCycles(), r.creditDelayCycles(),
                    r.switchAllocIterations(), r.vcRelease() == VcRelease.TAIL_FLIT ? "tail flit" : "tail's last credit");
            o.printf(Locale.ROOT, "zero-load latency (channels + mean hops x hop + router + flits - 1): %.2f cycles%n", s.zeroLoadLatencyCycles());
            o.print(TABLE.line(TABLE.headers()));
            o.flush();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] clock = {System.nanoTime(), threads.getCurrentThreadCpuTime()};
        double zeroLoad = s.zeroLoadLatencyCycles();
        double[] rates = c.injectionRates().stream().mapToDouble(Double::doubleValue).toArray();
        SweepResult result = LoadSweep.sweep(s, rates, runSeed, p -> {
            if (!output.quiet) {
                o.print(TABLE.line(Table.fixed(4, p.injectionRate()), Table.fixed(4, p.offeredFlitsPerNodeCycle()),
                        Table.fixed(4, p.acceptedFlitsPerNodeCycle()), Table.fixed(2, p.meanLatencyCycles()),
                        String.valueOf(p.p99LatencyCycles()), String.valueOf(p.packetsMeasured()),
                        LoadSweep.saturated(p, zeroLoad) ? "saturated" + (p.drained() ? "" : " (not drained)") : ""));
                o.flush();
            }
            if (timing) {
                long wall = System.nanoTime() - clock[0], cpu = threads.getCurrentThreadCpuTime() - clock[1];
                err.printf(Locale.ROOT, "rate %.4f: %d cycles, %.0f cycles/s wall, %.0f cycles/s cpu%n", p.injectionRate(),
                        p.cyclesSimulated(), p.cyclesSimulated() / (wall / 1e9), p.cyclesSimulated() / (cpu / 1e9));
                err.flush();
                clock[0] = System.nanoTime();
                clock[1] = threads.getCurrentThreadCpuTime();
            }
        });
        writeCsv(csv, result);
        if (!output.quiet) {
            if (result.saturationIndex() >= 0) {
                o.printf(Locale.ROOT, "saturation throughput: %.4f flits/node/cycle (at injection rate %.4f)%n",
                        result.saturationThroughput(), result.points().get(result.saturationIndex()).injectionRate());
            } else {
                double best = result.points().stream().mapToDouble(LoadPoint::acceptedFlitsPerNodeCycle).max().orElse(0);
                o.printf(Locale.ROOT, "saturation throughput: not reached in the sweep (highest accepted %.4f flits/node/cycle)%n", best);
            }
            if (c.traffic().equals("uniform")) {
                o.printf(Locale.ROOT, "uniform random bisection bound: min(1, 4/k) = %.4f flits/node/cycle%n", Math.min(1.0, 4.0 / k));
            }
            o.printf("saturated: mean latency > %.0f x zero-load, accepted < %.0f%% of offered, or measured packets not drained%n",
                    LoadSweep.SATURATION_LATENCY_FACTOR, LoadSweep.SATURATION_ACCEPTED_FRACTION * 100);
            o.printf("-> %s%n", csv);
            o.flush();
        }
        return Main.EXIT_OK;
    }

    static Config load(Path file) throws ScenarioException {
        String display = file.toString();
        byte[] bytes;
        try {
            bytes = ScenarioLoader.readBounded(file, display, "a NoC config file");
        } catch (NoSuchFileException e) {
            throw new ScenarioException(display + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(display + ": cannot read: " + e.getMessage());
        }
        Config c;
        try {
            c = ScenarioLoader.mapper(true).readValue(bytes, Config.class);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(ScenarioLoader.describe(display, e), e);
        } catch (IOException e) {
            throw new ScenarioException(display + ": cannot read: " + e.getMessage(), e);
        }
        if (c == null) {
            throw new ScenarioException(display + ": the file is empty");
        }
        return c;
    }

    /** Writes the sweep as CSV into a sibling temporary file, then renames it over {@code file}. */
    static void writeCsv(Path file, SweepResult result) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        Files.createDirectories(abs.getParent());
        Path partial = abs.resolveSibling("." + abs.getFileName() + ".partial-" + ProcessHandle.current().pid());
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(b::addColumn);
        try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            var seq = new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writer(b.build()).writeValues(w);
            for (LoadPoint p : result.points()) {
                seq.write(new Object[] {p.injectionRate(), p.offeredFlitsPerNodeCycle(), p.acceptedFlitsPerNodeCycle(),
                    p.meanLatencyCycles(), p.p99LatencyCycles(), p.packetsMeasured(), p.packetsArrived(),
                    LoadSweep.saturated(p, result.zeroLoadLatencyCycles())});
            }
            seq.close();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        try {
            Files.move(partial, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, abs, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
