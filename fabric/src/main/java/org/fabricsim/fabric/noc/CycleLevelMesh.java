package org.fabricsim.fabric.noc;

import java.util.Arrays;

/**
 * A cycle-level model of a cols x rows 2D mesh of input-queued virtual-channel routers (Dally and
 * Towles ch. 16; the router of BookSim, Jiang et al., ISPASS 2013): dimension-order (XY) routing,
 * credit-based flow control per virtual channel, a pipelined router whose stage delays come from
 * {@link RouterConfig}, and multi-flit packets (wormhole over virtual channels: a VC is held by one
 * packet from its head to its tail). Every node has a local port: an unbounded source queue injects
 * one flit per cycle into the local input buffers, and the local output port ejects one flit per cycle.
 *
 * <p>Allocation is separable: each input port picks one ready VC round-robin, each output port grants
 * one requesting input round-robin; with more than one iteration, inputs and outputs left unmatched try
 * again with the inputs' other ready VCs (round-robin pointers move in the first iteration only, as in
 * iSLIP). VC allocation grants a free output VC first come, round-robin over inputs. An output VC is
 * freed when the tail flit leaves ({@link VcRelease#TAIL_FLIT}: a downstream buffer may already hold the
 * next packet's head behind the previous tail) or when the tail's credit returns
 * ({@link VcRelease#LAST_CREDIT}).
 *
 * <p>All state lives in flat primitive arrays indexed by (node, port, vc); a flit in flight on a link
 * is already in its downstream buffer (it holds a credit) with the cycle it arrives, so {@link #step()}
 * allocates nothing. Not thread-safe.
 */
public final class CycleLevelMesh {
    /** Port numbers: the local (inject / eject) port and the four directions. */
    public static final int LOCAL = 0, EAST = 1, WEST = 2, NORTH = 3, SOUTH = 4;
    static final int PORTS = 5;
    private static final int ALL_PORTS = (1 << PORTS) - 1;

    private static final int IDLE = 0, ROUTING = 1, VC_ALLOC = 2, ACTIVE = 3;
    private static final int[] OPPOSITE = {LOCAL, WEST, EAST, SOUTH, NORTH};

    private final int cols, rows, nodes, vcs, depth;
    private final RouterConfig config;
    private final int rc, va, sa, st, link, injection, ejection, creditReturn, iterations;
    private final boolean releaseOnLastCredit;

    // input VC i = (node * PORTS + port) * vcs + vc; its slots are i * depth .. i * depth + depth - 1
    private final int[] bufPacket, bufSeq;
    private final long[] bufArrival;
    private final int[] bufHead, bufCount;
    // flits buffered per input port (node * PORTS + port) and per router, to skip empty ones
    private final int[] portFlits, routerFlits;
    // input VCs per router holding flits but not yet ACTIVE (they need route computation or VC allocation)
    private final int[] headsWaiting;
    // geometry: x and y of each node, neighbour of (node, port) or -1
    private final int[] xOf, yOf, nbr;
    private final int[] vcState, vcOutPort, vcOutVc;
    private final long[] vcReadyAt;
    // output VC o = (node * PORTS + port) * vcs + vc (port != LOCAL): credits for the downstream input VC
    private final int[] credits;
    private final boolean[] outVcBusy;
    // output VCs whose tail has left and which wait for its credit (LAST_CREDIT release only)
    private final boolean[] tailCreditDue;
    // round-robin pointers
    private final int[] inputRr, outputRr, vaRr;
    // per-router scratch for switch allocation: the VC each input port bids with, the inputs bidding per output (bit mask)
    private final int[] reqVc = new int[PORTS], reqOut = new int[PORTS];
    // credit return wheel: credits due at cycle c are in slot c % wheelSize
    private final int wheelSize;
    private final int[][] wheel;
    private final int[] wheelCount;
    private int creditSlot; // the slot of credits sent this cycle: (cycle + creditReturn) % wheelSize

    // packets in the network (slots recycled through a free stack)
    private final long[] pktId, pktCreated;
    private final int[] pktSrc, pktDst, pktFlits;
    private final int[] freeSlots;
    private int freeTop;

    // source queues (growable rings per node) and the packet each node is injecting
    private long[][] qId, qCreated;
    private int[][] qDst, qFlits;
    private final int[] qHead, qSize;
    private final int[] injSlot, injSeq, injVc, injRr;

    private long cycle;
    private long nextPacketId;
    private long flitsCreated, flitsInjected, flitsEjected, packetsDelivered;
    private TrafficSource source;
    private PacketListener listener;

    public CycleLevelMesh(int cols, int rows, RouterConfig config) {
        if (cols < 1 || rows < 1 || (long) cols * rows > 1 << 16) {
            throw new IllegalArgumentException("mesh: cols and rows must be >= 1 with at most 65536 nodes, got " + cols + " x " + rows);
        }
        this.cols = cols;
        this.rows = rows;
        this.nodes = cols * rows;
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.vcs = config.virtualChannels();
        this.depth = config.bufferDepthFlits();
        this.rc = config.routingCycles();
        this.va = config.vcAllocCycles();
        this.sa = config.switchAllocCycles();
        this.st = config.switchTraversalCycles();
        this.link = config.linkCycles();
        this.injection = config.injectionCycles();
        this.ejection = config.ejectionCycles();
        this.creditReturn = config.creditReturnCycles();
        this.iterations = config.switchAllocIterations();
        this.releaseOnLastCredit = config.vcRelease() == VcRelease.LAST_CREDIT;
        int ivcs = nodes * PORTS * vcs;
        long slots = (long) ivcs * depth;
        if (slots > 1 << 27) {
            throw new IllegalArgumentException("mesh: " + slots + " flit slots is too many for the cycle-level model");
        }
        bufPacket = new int[(int) slots];
        bufSeq = new int[(int) slots];
        bufArrival = new long[(int) slots];
        bufHead = new int[ivcs];
        bufCount = new int[ivcs];
        xOf = new int[nodes];
        yOf = new int[nodes];
        nbr = new int[nodes * PORTS];
        for (int n = 0; n < nodes; n++) {
            xOf[n] = n % cols;
            yOf[n] = n / cols;
            for (int p = 0; p < PORTS; p++) {
                nbr[n * PORTS + p] = computeNeighbour(n, p);
            }
        }
        portFlits = new int[nodes * PORTS];
        routerFlits = new int[nodes];
        headsWaiting = new int[nodes];
        vcState = new int[ivcs];
        vcOutPort = new int[ivcs];
        vcOutVc = new int[ivcs];
        vcReadyAt = new long[ivcs];
        credits = new int[ivcs];
        outVcBusy = new boolean[ivcs];
        tailCreditDue = new boolean[releaseOnLastCredit ? ivcs : 0];
        for (int n = 0; n < nodes; n++) {
            for (int p = 1; p < PORTS; p++) {
                if (neighbour(n, p) >= 0) {
                    Arrays.fill(credits, (n * PORTS + p) * vcs, (n * PORTS + p + 1) * vcs, depth);
                }
            }
        }
        inputRr = new int[nodes * PORTS];
        outputRr = new int[nodes * PORTS];
        vaRr = new int[nodes];
        wheelSize = creditReturn + 1;
        wheel = new int[wheelSize][nodes * PORTS];
        wheelCount = new int[wheelSize];
        int packetSlots = (int) Math.min(Integer.MAX_VALUE - 8, slots + nodes);
        pktId = new long[packetSlots];
        pktCreated = new long[packetSlots];
        pktSrc = new int[packetSlots];
        pktDst = new int[packetSlots];
        pktFlits = new int[packetSlots];
        freeSlots = new int[packetSlots];
        for (int i = 0; i < packetSlots; i++) {
            freeSlots[i] = packetSlots - 1 - i;
        }
        freeTop = packetSlots;
        qId = new long[nodes][4];
        qCreated = new long[nodes][4];
        qDst = new int[nodes][4];
        qFlits = new int[nodes][4];
        qHead = new int[nodes];
        qSize = new int[nodes];
        injSlot = new int[nodes];
        Arrays.fill(injSlot, -1);
        injSeq = new int[nodes];
        injVc = new int[nodes];
        injRr = new int[nodes];
    }

    public int cols() {
        return cols;
    }

    public int rows() {
        return rows;
    }

    public int nodes() {
        return nodes;
    }

    public RouterConfig config() {
        return config;
    }

    /** The next cycle to be simulated (cycles 0 .. cycle() - 1 are done). */
    public long cycle() {
        return cycle;
    }

    public void setSource(TrafficSource source) {
        this.source = source;
    }

    public void setListener(PacketListener listener) {
        this.listener = listener;
    }

    /** Node id of (x, y). */
    public int node(int x, int y) {
        if (x < 0 || x >= cols || y < 0 || y >= rows) {
            throw new IllegalArgumentException("node: (" + x + ", " + y + ") is outside the " + cols + " x " + rows + " mesh");
        }
        return y * cols + x;
    }

    /** Hops of the XY route from {@code src} to {@code dst}. */
    public int hops(int src, int dst) {
        return hops(src % cols, src / cols, dst % cols, dst / cols);
    }

    /** Hops of the XY (dimension-order) route from (x0, y0) to (x1, y1): the one hop count of every mesh model. */
    public static int hops(int x0, int y0, int x1, int y1) {
        return Math.abs(x1 - x0) + Math.abs(y1 - y0);
    }

    /**
     * Hands a packet of {@code flits} flits to the source queue of {@code src}, created at the current
     * cycle; returns its id. The packet enters the mesh when the packets queued before it have.
     */
    public long inject(int src, int dst, int flits) {
        if (src < 0 || src >= nodes || dst < 0 || dst >= nodes) {
            throw new IllegalArgumentException("inject: src " + src + " and dst " + dst + " must be nodes of 0.." + (nodes - 1));
        }
        if (flits < 1) {
            throw new IllegalArgumentException("inject: flits must be >= 1, got " + flits);
        }
        if (qSize[src] == qId[src].length) {
            growQueue(src);
        }
        int len = qId[src].length;
        int at = (qHead[src] + qSize[src]) & (len - 1);
        long id = nextPacketId++;
        qId[src][at] = id;
        qCreated[src][at] = cycle;
        qDst[src][at] = dst;
        qFlits[src][at] = flits;
        qSize[src]++;
        flitsCreated += flits;
        return id;
    }

    private void growQueue(int n) {
        int len = qId[n].length;
        long[] id = new long[len * 2];
        long[] created = new long[len * 2];
        int[] dst = new int[len * 2];
        int[] flits = new int[len * 2];
        for (int i = 0; i < qSize[n]; i++) {
            int from = (qHead[n] + i) & (len - 1);
            id[i] = qId[n][from];
            created[i] = qCreated[n][from];
            dst[i] = qDst[n][from];
            flits[i] = qFlits[n][from];
        }
        qId[n] = id;
        qCreated[n] = created;
        qDst[n] = dst;
        qFlits[n] = flits;
        qHead[n] = 0;
    }

    /** Simulates {@code cycles} cycles. */
    public void run(long cycles) {
        for (long i = 0; i < cycles; i++) {
            step();
        }
    }

    /**
     * Moves an idle mesh (every flit created has been ejected, no traffic source) on to cycle {@code target} at
     * once: nothing moves in the cycles skipped, and the credits still on their way back arrive within them.
     * This is how a mesh driven from a timeline spends the time between transfers without a step per cycle.
     */
    public void advanceIdleTo(long target) {
        if (target <= cycle) {
            return;
        }
        if (!idle() || source != null) {
            throw new IllegalStateException("advanceIdleTo: the mesh is not idle (flits in flight or queued, or a"
                    + " traffic source) at cycle " + cycle);
        }
        if (target - cycle <= creditReturn) {
            run(target - cycle);
            return;
        }
        for (int s = 0; s < wheelSize; s++) {
            for (int i = 0; i < wheelCount[s]; i++) {
                returnCredit(wheel[s][i]);
            }
            wheelCount[s] = 0;
        }
        cycle = target;
    }

    /** Simulates one cycle: credits due, traffic generation, injection, then every router. */
    public void step() {
        long c = cycle;
        int slot = (int) (c % wheelSize);
        creditSlot = slot + creditReturn >= wheelSize ? slot + creditReturn - wheelSize : slot + creditReturn;
        int[] due = wheel[slot];
        if (releaseOnLastCredit) {
            for (int i = 0, m = wheelCount[slot]; i < m; i++) {
                returnCredit(due[i]);
            }
        } else {
            for (int i = 0, m = wheelCount[slot]; i < m; i++) {
                credits[due[i]]++;
            }
        }
        wheelCount[slot] = 0;
        if (source != null) {
            source.beforeCycle(c, this);
        }
        for (int n = 0; n < nodes; n++) {
            injectOneFlit(n, c);
        }
        for (int n = 0; n < nodes; n++) {
            if (routerFlits[n] != 0) {
                if (headsWaiting[n] != 0) {
                    allocateVcs(n, c);
                }
                allocateSwitch(n, c);
            }
        }
        cycle = c + 1;
    }

    /** A credit arrives at output VC {@code ovc}; under LAST_CREDIT release the tail's credit frees the VC. */
    private void returnCredit(int ovc) {
        if (++credits[ovc] == depth && releaseOnLastCredit && tailCreditDue[ovc]) {
            tailCreditDue[ovc] = false;
            outVcBusy[ovc] = false;
        }
    }

    private void injectOneFlit(int n, long c) {
        int p = injSlot[n];
        if (p < 0) {
            if (qSize[n] == 0) {
                return;
            }
            int base = (n * PORTS + LOCAL) * vcs;
            int vc = -1;
            for (int k = 0; k < vcs; k++) {
                int v = (injRr[n] + k) % vcs;
                if (bufCount[base + v] < depth) {
                    vc = v;
                    break;
                }
            }
            if (vc < 0) {
                return;
            }
            injRr[n] = (vc + 1) % vcs;
            p = freeSlots[--freeTop];
            int len = qId[n].length;
            int h = qHead[n];
            pktId[p] = qId[n][h];
            pktCreated[p] = qCreated[n][h];
            pktDst[p] = qDst[n][h];
            pktFlits[p] = qFlits[n][h];
            pktSrc[p] = n;
            qHead[n] = (h + 1) & (len - 1);
            qSize[n]--;
            injSlot[n] = p;
            injSeq[n] = 0;
            injVc[n] = vc;
        }
        int ivc = (n * PORTS + LOCAL) * vcs + injVc[n];
        if (bufCount[ivc] == depth) {
            return;
        }
        push(n, LOCAL, ivc, p, injSeq[n], c + injection);
        flitsInjected++;
        if (++injSeq[n] == pktFlits[p]) {
            injSlot[n] = -1;
        }
    }

    /** Appends a flit to input VC {@code ivc}, which belongs to input port {@code port} of {@code node}. */
    private void push(int node, int port, int ivc, int packet, int seq, long arrival) {
        int pos = bufHead[ivc] + bufCount[ivc];
        int at = ivc * depth + (pos >= depth ? pos - depth : pos);
        bufPacket[at] = packet;
        bufSeq[at] = seq;
        bufArrival[at] = arrival;
        if (bufCount[ivc]++ == 0 && vcState[ivc] != ACTIVE) {
            headsWaiting[node]++;
        }
        portFlits[node * PORTS + port]++;
        routerFlits[node]++;
    }

    /** Advances each occupied input VC's head through route computation and VC allocation. */
    private void allocateVcs(int n, long c) {
        int total = PORTS * vcs;
        boolean granted = false;
        for (int k = 0, local = vaRr[n]; k < total; k++, local = local + 1 == total ? 0 : local + 1) {
            int ivc = n * total + local;
            if (bufCount[ivc] == 0 || vcState[ivc] == ACTIVE) {
                continue;
            }
            int front = ivc * depth + bufHead[ivc];
            if (vcState[ivc] == IDLE) {
                if (bufArrival[front] > c) {
                    continue;
                }
                vcState[ivc] = ROUTING;
                vcReadyAt[ivc] = c + rc;
            }
            if (vcState[ivc] == ROUTING) {
                if (vcReadyAt[ivc] > c) {
                    continue;
                }
                vcOutPort[ivc] = route(n, pktDst[bufPacket[front]]);
                vcState[ivc] = VC_ALLOC;
            }
            int out = vcOutPort[ivc];
            int vc = 0;
            if (out != LOCAL) {
                int base = (n * PORTS + out) * vcs;
                vc = -1;
                for (int v = 0; v < vcs; v++) {
                    if (!outVcBusy[base + v]) {
                        vc = v;
                        break;
                    }
                }
                if (vc < 0) {
                    continue;
                }
                outVcBusy[base + vc] = true;
                if (!granted) {
                    vaRr[n] = local + 1 == total ? 0 : local + 1;
                    granted = true;
                }
            }
            vcOutVc[ivc] = vc;
            vcState[ivc] = ACTIVE;
            vcReadyAt[ivc] = c + va;
            headsWaiting[n]--;
        }
    }

    /** XY dimension-order routing: along x first, then y, then eject. */
    private int route(int n, int dst) {
        int dx = xOf[dst] - xOf[n];
        if (dx > 0) {
            return EAST;
        }
        if (dx < 0) {
            return WEST;
        }
        int dy = yOf[dst] - yOf[n];
        if (dy > 0) {
            return NORTH;
        }
        if (dy < 0) {
            return SOUTH;
        }
        return LOCAL;
    }

    private int neighbour(int n, int port) {
        return nbr[n * PORTS + port];
    }

    private int computeNeighbour(int n, int port) {
        int x = n % cols, y = n / cols;
        return switch (port) {
            case EAST -> x + 1 < cols ? n + 1 : -1;
            case WEST -> x > 0 ? n - 1 : -1;
            case NORTH -> y + 1 < rows ? n + cols : -1;
            case SOUTH -> y > 0 ? n - cols : -1;
            default -> n;
        };
    }

    /**
     * Separable switch allocation and traversal for router {@code n}: the first iteration matches and
     * moves the pointers; each further iteration offers the inputs still unmatched to the outputs still free.
     */
    private void allocateSwitch(int n, long c) {
        int matched = grant(n, c, bid(n, c, 0, 0), true);
        for (int i = 1; i < iterations && matched != 0; i++) {
            int requests = bid(n, c, matched & ALL_PORTS, matched >>> PORTS);
            if (requests == 0) {
                break;
            }
            matched |= grant(n, c, requests, false);
        }
    }

    /**
     * Input stage: each input port not in {@code busyInputs} picks its first ready VC round-robin whose
     * output is not in {@code busyOutputs}; returns the requested outputs as a bit mask, the requesting
     * inputs per output in {@code reqOut}.
     */
    private int bid(int n, long c, int busyInputs, int busyOutputs) {
        int requests = 0;
        for (int p = 0; p < PORTS; p++) {
            int ip = n * PORTS + p;
            if (portFlits[ip] == 0 || (busyInputs & 1 << p) != 0) {
                continue;
            }
            int base = ip * vcs;
            for (int k = 0, v = inputRr[ip]; k < vcs; k++, v = v + 1 == vcs ? 0 : v + 1) {
                int ivc = base + v;
                if (bufCount[ivc] == 0 || vcState[ivc] != ACTIVE || vcReadyAt[ivc] > c
                        || bufArrival[ivc * depth + bufHead[ivc]] > c) {
                    continue;
                }
                int out = vcOutPort[ivc];
                if ((busyOutputs & 1 << out) != 0 || out != LOCAL && credits[(n * PORTS + out) * vcs + vcOutVc[ivc]] == 0) {
                    continue;
                }
                reqVc[p] = v;
                reqOut[out] |= 1 << p;
                requests |= 1 << out;
                break;
            }
        }
        return requests;
    }

    /**
     * Output stage: each requested output grants one input round-robin from its pointer and the flit
     * crosses; pointers move only when {@code movePointers}. Returns the granted inputs in the low
     * {@link #PORTS} bits and the granted outputs above them.
     */
    private int grant(int n, long c, int requests, boolean movePointers) {
        int matched = 0;
        while (requests != 0) {
            int out = Integer.numberOfTrailingZeros(requests);
            requests &= requests - 1;
            int mask = reqOut[out];
            reqOut[out] = 0;
            int op = n * PORTS + out;
            int rr = outputRr[op];
            int rotated = (mask >>> rr | mask << (PORTS - rr)) & ((1 << PORTS) - 1);
            int p = rr + Integer.numberOfTrailingZeros(rotated);
            if (p >= PORTS) {
                p -= PORTS;
            }
            if (movePointers) {
                outputRr[op] = p + 1 == PORTS ? 0 : p + 1;
                inputRr[n * PORTS + p] = reqVc[p] + 1 == vcs ? 0 : reqVc[p] + 1;
            }
            matched |= 1 << p | 1 << (PORTS + out);
            traverse(n, p, reqVc[p], c);
        }
        return matched;
    }

    private void traverse(int n, int inPort, int v, long c) {
        int ivc = (n * PORTS + inPort) * vcs + v;
        int front = ivc * depth + bufHead[ivc];
        int packet = bufPacket[front];
        int seq = bufSeq[front];
        bufHead[ivc] = bufHead[ivc] + 1 == depth ? 0 : bufHead[ivc] + 1;
        bufCount[ivc]--;
        portFlits[n * PORTS + inPort]--;
        routerFlits[n]--;
        if (inPort != LOCAL) {
            int up = neighbour(n, inPort);
            int slot = creditSlot;
            wheel[slot][wheelCount[slot]++] = (up * PORTS + OPPOSITE[inPort]) * vcs + v;
        }
        int out = vcOutPort[ivc];
        boolean tail = seq == pktFlits[packet] - 1;
        if (out == LOCAL) {
            flitsEjected++;
            if (tail) {
                packetsDelivered++;
                long delivered = c + sa + st + ejection;
                freeSlots[freeTop++] = packet;
                if (listener != null) {
                    listener.delivered(pktId[packet], pktSrc[packet], pktDst[packet], pktFlits[packet], pktCreated[packet],
                            delivered);
                }
            }
        } else {
            int ovc = (n * PORTS + out) * vcs + vcOutVc[ivc];
            credits[ovc]--;
            int down = neighbour(n, out), downPort = OPPOSITE[out];
            push(down, downPort, (down * PORTS + downPort) * vcs + vcOutVc[ivc], packet, seq, c + sa + st + link);
            if (tail) {
                if (releaseOnLastCredit) {
                    tailCreditDue[ovc] = true;
                } else {
                    outVcBusy[ovc] = false;
                }
            }
        }
        if (tail) {
            vcState[ivc] = IDLE;
            if (bufCount[ivc] > 0) {
                headsWaiting[n]++;
            }
        }
    }

    /** Flits handed to sources so far (queued, in the mesh or delivered). */
    public long flitsCreated() {
        return flitsCreated;
    }

    /** Flits that entered the mesh from their source queue. */
    public long flitsInjected() {
        return flitsInjected;
    }

    /** Flits that left the mesh at their destination. */
    public long flitsEjected() {
        return flitsEjected;
    }

    /** Packets handed to sources so far; ids are 0 .. packetsCreated() - 1 in creation order. */
    public long packetsCreated() {
        return nextPacketId;
    }

    public long packetsDelivered() {
        return packetsDelivered;
    }

    /** Flits in router buffers or on links. */
    public long flitsInFlight() {
        long sum = 0;
        for (int count : bufCount) {
            sum += count;
        }
        return sum;
    }

    /** Packets waiting in source queues, not yet started into the mesh. */
    public long packetsQueued() {
        long sum = 0;
        for (int s : qSize) {
            sum += s;
        }
        return sum;
    }

    /** True when no flit is queued, being injected or in the mesh. */
    public boolean idle() {
        return flitsEjected == flitsCreated;
    }

    /**
     * Checks credit-based flow control: for every link's virtual channel, 0 <= credits, buffer
     * occupancy <= depth, and credits + occupancy + credits on their way back == depth; and that flits
     * are conserved (injected = ejected + in flight). Throws IllegalStateException naming the first violation.
     */
    public void checkInvariants() {
        int[] pending = new int[credits.length];
        for (int s = 0; s < wheelSize; s++) {
            for (int i = 0; i < wheelCount[s]; i++) {
                pending[wheel[s][i]]++;
            }
        }
        for (int n = 0; n < nodes; n++) {
            int waiting = 0;
            for (int i = n * PORTS * vcs; i < (n + 1) * PORTS * vcs; i++) {
                waiting += bufCount[i] > 0 && vcState[i] != ACTIVE ? 1 : 0;
            }
            if (waiting != headsWaiting[n]) {
                throw new IllegalStateException("cycle " + cycle + ": router " + n + " counts " + headsWaiting[n]
                        + " heads waiting for allocation, its buffers hold " + waiting);
            }
            for (int p = 0; p < PORTS; p++) {
                for (int v = 0; v < vcs; v++) {
                    int ivc = (n * PORTS + p) * vcs + v;
                    if (bufCount[ivc] < 0 || bufCount[ivc] > depth) {
                        throw new IllegalStateException("cycle " + cycle + ": buffer (" + n + "," + p + "," + v + ") holds "
                                + bufCount[ivc] + " flits, depth " + depth);
                    }
                    if (p == LOCAL || neighbour(n, p) < 0) {
                        continue;
                    }
                    int up = (neighbour(n, p) * PORTS + OPPOSITE[p]) * vcs + v;
                    if (credits[up] < 0) {
                        throw new IllegalStateException("cycle " + cycle + ": negative credits " + credits[up] + " at output " + up);
                    }
                    int sum = credits[up] + bufCount[ivc] + pending[up];
                    if (sum != depth) {
                        throw new IllegalStateException("cycle " + cycle + ": credits " + credits[up] + " + occupancy "
                                + bufCount[ivc] + " + returning " + pending[up] + " != depth " + depth + " at input (" + n + ","
                                + p + "," + v + ")");
                    }
                }
            }
        }
        if (flitsInjected != flitsEjected + flitsInFlight()) {
            throw new IllegalStateException("cycle " + cycle + ": injected " + flitsInjected + " != ejected " + flitsEjected
                    + " + in flight " + flitsInFlight());
        }
    }
}
