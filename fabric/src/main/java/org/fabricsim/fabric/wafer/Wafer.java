package org.fabricsim.fabric.wafer;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole core grid of one wafer: per-core SRAM occupancy and region ownership in flat arrays
 * (link state lives in the flow network, see {@link WaferMesh}). Regions are allocated here; placing more
 * bytes on a core than its SRAM holds is an error naming the region's label, the region and the shortfall.
 */
public final class Wafer {
    /** Link directions out of a core. */
    public static final int EAST = 0, WEST = 1, SOUTH = 2, NORTH = 3;

    private final WaferSpec spec;
    private final int reservedBytesPerCore;
    private final int[] sramUsedBytes;
    private final int[] owner;
    private final List<Region> regions = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    /** A wafer keeping {@code reservedBytesPerCore} of each SRAM bank for code and runtime buffers. */
    public Wafer(WaferSpec spec, int reservedBytesPerCore) {
        this.spec = spec;
        if (reservedBytesPerCore < 0 || reservedBytesPerCore >= spec.sramBytesPerCore()) {
            throw new IllegalArgumentException("reservedBytesPerCore: must be in [0, " + spec.sramBytesPerCore()
                    + "), got " + reservedBytesPerCore);
        }
        this.reservedBytesPerCore = reservedBytesPerCore;
        int cores = Math.toIntExact(spec.cores());
        this.sramUsedBytes = new int[cores];
        this.owner = new int[cores];
    }

    public WaferSpec spec() {
        return spec;
    }

    /** SRAM bytes per core available to weights, KV cache and activations. */
    public int usableBytesPerCore() {
        return spec.sramBytesPerCore() - reservedBytesPerCore;
    }

    /** Claims a rectangle of free cores; returns its region id. */
    public int allocate(Region r, String label) {
        if (!r.fitsIn(spec.rows(), spec.cols())) {
            throw new IllegalArgumentException(label + ": region " + r + " does not fit in the "
                    + spec.rows() + "x" + spec.cols() + " grid of " + spec.name());
        }
        int id = regions.size() + 1;
        for (int row = r.row0(); row < r.row0() + r.rows(); row++) {
            int base = row * spec.cols();
            for (int col = r.col0(); col < r.col0() + r.cols(); col++) {
                if (owner[base + col] != 0) {
                    throw new IllegalArgumentException(label + ": region " + r + " overlaps "
                            + labels.get(owner[base + col] - 1) + " at core (" + row + "," + col + ")");
                }
            }
        }
        for (int row = r.row0(); row < r.row0() + r.rows(); row++) {
            int base = row * spec.cols();
            for (int col = r.col0(); col < r.col0() + r.cols(); col++) {
                owner[base + col] = id;
            }
        }
        regions.add(r);
        labels.add(label);
        return id - 1;
    }

    /** Stores {@code bytesPerCore} more on every core of the region; {@code what} names the data (e.g. "weights"). */
    public void place(int regionId, long bytesPerCore, String what) {
        Region r = region(regionId);
        if (bytesPerCore < 0) {
            throw new IllegalArgumentException("bytesPerCore: must be >= 0, got " + bytesPerCore);
        }
        int used = sramUsedBytes[r.row0() * spec.cols() + r.col0()];
        long need = used + bytesPerCore;
        if (need > usableBytesPerCore()) {
            long shortPerCore = need - usableBytesPerCore();
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s: %s of %,d B per core do not fit on region %s of %s: a core holds %,d B (%,d B SRAM minus"
                            + " %,d B reserved) and already stores %,d B; short by %,d B per core, %,d B in the region",
                    label(regionId), what, bytesPerCore, r, spec.name(), usableBytesPerCore(), spec.sramBytesPerCore(),
                    reservedBytesPerCore, used, shortPerCore, shortPerCore * r.cores()));
        }
        for (int row = r.row0(); row < r.row0() + r.rows(); row++) {
            int base = row * spec.cols();
            for (int col = r.col0(); col < r.col0() + r.cols(); col++) {
                sramUsedBytes[base + col] += (int) bytesPerCore;
            }
        }
    }

    public Region region(int regionId) {
        return regions.get(regionId);
    }

    public String label(int regionId) {
        return labels.get(regionId);
    }

    public int regionCount() {
        return regions.size();
    }

    /** Region id owning the core, or -1 when free. */
    public int ownerOf(int row, int col) {
        return owner[row * spec.cols() + col] - 1;
    }

    public int sramUsedBytes(int row, int col) {
        return sramUsedBytes[row * spec.cols() + col];
    }

    /** Free SRAM bytes on every core of the region (cores of a region are filled alike). */
    public long freeBytesPerCore(int regionId) {
        Region r = region(regionId);
        return usableBytesPerCore() - sramUsedBytes[r.row0() * spec.cols() + r.col0()];
    }

    /** Cores owned by some region. */
    public long coresUsed() {
        long n = 0;
        for (Region r : regions) {
            n += r.cores();
        }
        return n;
    }

    /** SRAM bytes stored on all cores. */
    public long sramBytesUsed() {
        long n = 0;
        for (int b : sramUsedBytes) {
            n += b;
        }
        return n;
    }

    /** Index of the directed link leaving core (row, col) in direction dir, unique on this wafer. */
    public int linkIndex(int row, int col, int dir) {
        return (row * spec.cols() + col) * 4 + dir;
    }

}
