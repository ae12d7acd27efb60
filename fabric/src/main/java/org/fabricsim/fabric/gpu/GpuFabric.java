package org.fabricsim.fabric.gpu;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.fabricsim.core.flow.FlowNetwork;
import org.fabricsim.core.flow.LinkClassUsage;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.FlowLinkUsage;
import org.fabricsim.fabric.api.Collective;
import org.fabricsim.fabric.api.GpuSystem;
import org.fabricsim.fabric.api.KernelWork;
import org.fabricsim.fabric.api.LinkUsage;
import org.fabricsim.fabric.api.SystemIngress;
import org.fabricsim.fabric.api.SystemLink;
import org.fabricsim.fabric.api.Work;
import org.fabricsim.fabric.net.NetworkPorts;
import org.fabricsim.fabric.net.ReplicaPorts;
import org.fabricsim.fabric.net.SystemLinks;

/**
 * A GPU cluster as a {@link Fabric}: each unit is a GPU. Kernels ({@link KernelModel}) are booked arithmetically ahead of
 * the timeline (a chain's compute becomes the delay before its next collective, transfer or delivery, one
 * kernel launch added before a collective or transfer); collectives and transfers are flows on the cluster's
 * network, where they contend with every other transfer on the same links. The GPUs form {@code replicas}
 * replicas of {@code replicaGpus} consecutive GPUs each, which exchange nothing with one another and issue
 * one operation at a time over all their GPUs; a collective over a whole replica that is alone on its
 * NVSwitch node therefore shares no link with any other transfer while it runs, and runs in closed form
 * ({@link Collectives#allReduceOnOwnLinks}): one event instead of two per flow.
 */
public final class GpuFabric implements GpuSystem, NetworkPorts {
    private final Timeline timeline;
    private final FlowNetwork network;
    private final GpuCluster cluster;
    private final Collectives collectives;
    private final KernelModel kernels;
    private final AllReduceAlgorithm algorithm;
    private final HbmMeter hbm;
    /** Times the GPUs' kernels and meters their HBM bytes. */
    private final KernelBook book;
    private final int replicaGpus;
    private final int replicas;
    /** Per replica: every one of its GPUs sits on one node that holds no GPU of another replica. */
    private final boolean[] aloneOnNode;
    /** Links from other systems into this one, made on first use. */
    private SystemLinks ingress;
    /** Suffix of this cluster's link class names on its network ("" unless the network is shared). */
    private final String classTag;
    /** True once links to another system leave through the NICs. */
    private boolean egressed;
    /** Compute the running chain has booked beyond the timeline's time, seconds. */
    private double aheadS;

    /**
     * @param allReduce   the all-reduce algorithm by name: auto | nvls | ring | tree
     * @param replicaGpus GPUs of each replica (replica r holds GPUs r x replicaGpus onward)
     * @param replicas    replicas deployed on the cluster's first GPUs; the others stay idle
     */
    public GpuFabric(GpuClusterSpec spec, GpuCalibration calibration, boolean cudaGraphs, String allReduce,
            Timeline timeline, int replicaGpus, int replicas) {
        this(spec, calibration, cudaGraphs, allReduce, new FlowNetwork(timeline), replicaGpus, replicas);
    }

    /**
     * As the constructor above, its links added to {@code network} (another system's, on the same timeline), so
     * that links between the two systems can cross both systems' ports.
     */
    public GpuFabric(GpuClusterSpec spec, GpuCalibration calibration, boolean cudaGraphs, String allReduce,
            FlowNetwork network, int replicaGpus, int replicas) {
        if (replicaGpus < 1 || replicas < 1 || (long) replicaGpus * replicas > spec.gpus()) {
            throw new IllegalArgumentException("replicas: " + replicas + " x " + replicaGpus + " GPUs must be at least"
                    + " one GPU and fit the cluster's " + spec.gpus());
        }
        this.timeline = network.timeline();
        this.network = network;
        // on a network that holds another system's links already, this cluster's classes are its own
        this.classTag = network.linkCount() == 0 ? "" : "@" + network.linkCount();
        this.cluster = new GpuCluster(spec, calibration, network, classTag);
        this.collectives = new Collectives(cluster, timeline);
        this.kernels = new KernelModel(spec.gpu(), calibration, cudaGraphs);
        this.algorithm = AllReduceAlgorithm.named(allReduce);
        this.hbm = new HbmMeter(cluster.gpus());
        this.book = new KernelBook(kernels, hbm);
        this.replicaGpus = replicaGpus;
        this.replicas = replicas;
        this.aloneOnNode = aloneOnNode(cluster, replicaGpus, replicas);
    }

    /** Refuses an all-reduce algorithm name this fabric does not know. */
    public static void requireAllReduce(String name) {
        AllReduceAlgorithm.named(name);
    }

    private static boolean[] aloneOnNode(GpuCluster cluster, int replicaGpus, int replicas) {
        int[] replicasOnNode = new int[cluster.gpus() / cluster.spec().gpusPerNode()];
        boolean[] oneNode = new boolean[replicas];
        for (int r = 0; r < replicas; r++) {
            int first = cluster.nodeOf(r * replicaGpus);
            int last = cluster.nodeOf((r + 1) * replicaGpus - 1);
            oneNode[r] = first == last;
            for (int n = first; n <= last; n++) {
                replicasOnNode[n]++;
            }
        }
        boolean[] alone = new boolean[replicas];
        for (int r = 0; r < replicas; r++) {
            alone[r] = oneNode[r] && replicasOnNode[cluster.nodeOf(r * replicaGpus)] == 1;
        }
        return alone;
    }

    @Override
    public void begin(Runnable chain) {
        double outer = aheadS;
        aheadS = 0;
        try {
            chain.run();
        } finally {
            aheadS = outer;
        }
    }

    @Override
    public void deliver(Runnable done) {
        timeline.after(aheadS, resumed(done));
    }

    /** Books the kernels on the GPU; {@code done} continues the chain at once, its compute ahead of the timeline. */
    @Override
    public void compute(int unit, Work work, Runnable done) {
        aheadS += book.seconds(work, unit);
        done.run();
    }

    /** Books the kernels on each GPU; the chain goes on once the slowest GPU is done. */
    @Override
    public void computeEach(int[] units, Work[] work, int count, Runnable done) {
        aheadS += book.slowestS(units, work, count);
        done.run();
    }

    @Override
    public void transfer(int from, int to, long bytes, Runnable done) {
        collectives.pointToPoint(from, to, bytes, aheadS + kernels.launchOverheadS(), resumed(done));
    }

    @Override
    public void collective(Collective collective, Runnable done) {
        double afterS = aheadS + kernels.launchOverheadS();
        Runnable resume = resumed(done);
        if (collective instanceof Collective.AllReduce a) {
            if (ownsItsLinks(a.units())) {
                collectives.allReduceOnOwnLinks(a.units(), a.bytes(), algorithm, afterS, resume);
            } else {
                collectives.allReduce(a.units(), a.bytes(), algorithm, afterS, resume);
            }
        } else if (collective instanceof Collective.AllToAll a) {
            allToAll(a.units(), a.bytes(), afterS, ownsItsLinks(a.units()), resume);
        } else if (collective instanceof Collective.AllToAllCompute a) {
            // the experts' kernels are booked (and their bytes metered) as the exchange starts; their time
            // runs between the dispatch's arrival and the combine's start
            double expertsS = book.slowestS(a.units(), a.work(), a.units().length) + kernels.launchOverheadS();
            boolean own = ownsItsLinks(a.units());
            allToAll(a.units(), a.dispatch(), afterS, own, () -> allToAll(a.units(), a.combine(), expertsS, own, resume));
        } else {
            throw new IllegalArgumentException("collective: a GPU cluster runs all-reduce and all-to-all, got "
                    + collective.getClass().getSimpleName());
        }
    }

    private void allToAll(int[] gpus, long[][] bytes, double afterS, boolean own, Runnable done) {
        if (own) {
            collectives.allToAllOnOwnLinks(gpus, bytes, afterS, done);
        } else {
            collectives.allToAll(gpus, bytes, afterS, done);
        }
    }

    /** {@code done} as the start of a chain at the time it is called. */
    private Runnable resumed(Runnable done) {
        return () -> begin(done);
    }

    /** True if the GPUs are one whole replica alone on its node (see the class comment). */
    private boolean ownsItsLinks(int[] gpus) {
        if (gpus.length != replicaGpus) {
            return false;
        }
        int r = gpus[0] / replicaGpus;
        if (r >= replicas || !aloneOnNode[r]) {
            return false;
        }
        for (int g : gpus) {
            if (g / replicaGpus != r) {
                return false;
            }
        }
        return true;
    }

    /** One kernel's time on this fabric's GPUs, its launch included ({@link KernelModel}). */
    public double kernelS(KernelWork k) {
        return kernels.kernelS(k);
    }

    /** Overhead of launching one kernel (a collective or a copy starts with one), seconds. */
    public double launchOverheadS() {
        return kernels.launchOverheadS();
    }

    /**
     * A link into the cluster from another system, on the cluster's flow network. A transfer to a replica goes on
     * through the NICs of the replica's GPUs, striped evenly over them, so it shares each NIC with the replica's
     * own InfiniBand traffic (and is bounded by the NICs' rate when the link is wider than they are); from a
     * system built on the same network it also leaves through the sending replica's NICs.
     */
    @Override
    public SystemLink ingressLink(double bandwidthBytesPerS, double latencyS, SystemIngress from) {
        if (ingress == null) {
            ingress = new SystemLinks(network);
        }
        return ingress.add(bandwidthBytesPerS, latencyS, NetworkPorts.egressOf(from, network),
                nicPorts(cluster::nicDownLink));
    }

    @Override
    public FlowNetwork flowNetwork() {
        return network;
    }

    /** Each replica's NIC uplinks, where bytes for another system leave (from now on listed in the usage). */
    @Override
    public ReplicaPorts egressPorts() {
        egressed = true;
        return nicPorts(cluster::nicUpLink);
    }

    /** Per replica, the NIC link {@code link} gives for each of its GPUs. */
    private ReplicaPorts nicPorts(IntUnaryOperator link) {
        int[][] ports = new int[replicas][];
        return r -> {
            if (r < 0 || r >= replicas) {
                throw new IllegalArgumentException("replica: must be in [0, " + replicas + "), got " + r);
            }
            if (ports[r] == null) {
                ports[r] = new int[replicaGpus];
                for (int k = 0; k < replicaGpus; k++) {
                    ports[r][k] = link.applyAsInt(r * replicaGpus + k);
                }
            }
            return ports[r];
        };
    }

    /** GPUs of the cluster, deployed or idle. */
    public int gpus() {
        return cluster.gpus();
    }

    /** Bytes GPU {@code gpu}'s kernels moved through its HBM so far. */
    public double hbmBytes(int gpu) {
        return hbm.bytes(gpu);
    }

    /**
     * Link utilisation of what the deployment has (its GPUs, the links within each replica and, with links into the
     * system, those links and the NICs they reach; not the cluster's idle rest), then the deployed GPUs' HBM as a
     * row of its own.
     */
    public List<LinkClassUsage> usage() {
        BitSet links = new BitSet();
        for (int r = 0; r < replicas; r++) {
            links.or(cluster.linksAmong(r * replicaGpus, replicaGpus));
        }
        for (int g = 0; g < replicas * replicaGpus; g++) {
            if (ingress != null) {
                links.set(cluster.nicDownLink(g));
            }
            if (egressed) {
                links.set(cluster.nicUpLink(g));
            }
        }
        List<LinkClassUsage> usage = new ArrayList<>();
        for (LinkClassUsage u : network.usage(ingress == null ? links::get : l -> links.get(l) || ingress.contains(l))) {
            String name = u.linkClass();
            usage.add(classTag.isEmpty() || !name.endsWith(classTag) ? u
                    : u.withLinkClass(name.substring(0, name.length() - classTag.length())));
        }
        usage.add(hbm.usage(replicas * replicaGpus, timeline.now(), cluster.spec().gpu().hbmBandwidthBytesPerS(),
                kernels.achievedHbmBytesPerS()));
        return usage;
    }

    /** As {@link #usage()}, in the fabric API's type. */
    @Override
    public List<LinkUsage> linkUsage() {
        return FlowLinkUsage.of(usage());
    }

    /** GPU-seconds the kernels were HBM-bound so far (the busy time the energy meter charges busy power for). */
    @Override
    public double hbmBusyGpuSeconds() {
        return hbm.busySeconds(timeline.now(), kernels.achievedHbmBytesPerS());
    }
}
