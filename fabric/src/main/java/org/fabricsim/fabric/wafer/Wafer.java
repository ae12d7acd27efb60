package org.fabricsim.fabric.wafer;

import java.util.ArrayList;
import java.util.List;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.fabric.api.WaferFloorplan;

/**
 * The whole core grid of one wafer: its regions and what each stores per core (link state lives in the flow
 * network, see {@link WaferMesh}). Every core of a region stores alike, so occupancy is kept per region rather
 * than per core: a WSE-3's 893,064 cores would take 7 MB of arrays a wafer. Regions are allocated here and may
 * not overlap; placing more bytes on a core than its SRAM holds is an error naming the region's label, the region
 * and the shortfall.
 */
public final class Wafer implements WaferFloorplan {
    /** Link directions out of a core. */
    public static final int EAST = 0, WEST = 1, SOUTH = 2, NORTH = 3;

    private final WaferSpec spec;
    private final int reservedBytesPerCore;
    private final List<Region> regions = new ArrayList<>();
    /** SRAM bytes each core of region i stores. */
    private long[] usedPerCore = new long[16];
    private final List<String> labels = new ArrayList<>();
    /** Which regions lie near which cores: an overlap check looks at a few regions, not every one. */
    private final RegionIndex index;

    /** A wafer keeping {@code reservedBytesPerCore} of each SRAM bank for code and runtime buffers. */
    public Wafer(WaferSpec spec, int reservedBytesPerCore) {
        this.spec = spec;
        if (reservedBytesPerCore < 0 || reservedBytesPerCore >= spec.sramBytesPerCore()) {
            throw new IllegalArgumentException("reservedBytesPerCore: must be in [0, " + spec.sramBytesPerCore()
                    + "), got " + reservedBytesPerCore);
        }
        this.reservedBytesPerCore = reservedBytesPerCore;
        this.index = new RegionIndex(spec.rows(), spec.cols(), regions);
    }

    @Override
    public WaferSpec spec() {
        return spec;
    }

    /** SRAM bytes per core available to weights, KV cache and activations. */
    @Override
    public int usableBytesPerCore() {
        return spec.sramBytesPerCore() - reservedBytesPerCore;
    }

    /** Claims a rectangle of free cores; returns its region id. */
    @Override
    public int allocate(Region r, String label) {
        if (!r.fitsIn(spec.rows(), spec.cols())) {
            throw new IllegalArgumentException(label + ": region " + r + " does not fit in the "
                    + spec.rows() + "x" + spec.cols() + " grid of " + spec.name());
        }
        int i = index.firstOverlap(r);
        if (i >= 0) {
            Region o = regions.get(i);
            throw new IllegalArgumentException(label + ": region " + r + " overlaps " + labels.get(i) + " at core ("
                    + Math.max(r.row0(), o.row0()) + "," + Math.max(r.col0(), o.col0()) + ")");
        }
        regions.add(r);
        labels.add(label);
        index.add(regions.size() - 1, r);
        if (regions.size() > usedPerCore.length) {
            usedPerCore = java.util.Arrays.copyOf(usedPerCore, 2 * usedPerCore.length);
        }
        return regions.size() - 1;
    }

    /** Stores {@code bytesPerCore} more on every core of the region; {@code what} names the data (e.g. "weights"). */
    @Override
    public void place(int regionId, long bytesPerCore, String what) {
        Region r = region(regionId);
        if (bytesPerCore < 0) {
            throw new IllegalArgumentException("bytesPerCore: must be >= 0, got " + bytesPerCore);
        }
        long used = usedPerCore[regionId];
        long need = used + bytesPerCore;
        if (need > usableBytesPerCore()) {
            long shortPerCore = need - usableBytesPerCore();
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s: %s of %,d B per core do not fit on region %s of %s: a core holds %,d B (%,d B SRAM minus"
                            + " %,d B reserved) and already stores %,d B; short by %,d B per core, %,d B in the region",
                    label(regionId), what, bytesPerCore, r, spec.name(), usableBytesPerCore(), spec.sramBytesPerCore(),
                    reservedBytesPerCore, used, shortPerCore, shortPerCore * r.cores()));
        }
        usedPerCore[regionId] = need;
    }

    @Override
    public Region region(int regionId) {
        return regions.get(regionId);
    }

    @Override
    public String label(int regionId) {
        return labels.get(regionId);
    }

    @Override
    public int regionCount() {
        return regions.size();
    }

    /** Region id owning the core, or -1 when free (or off the grid). */
    public int ownerOf(int row, int col) {
        boolean onGrid = row >= 0 && row < spec.rows() && col >= 0 && col < spec.cols();
        return onGrid ? index.ownerOf(row, col) : -1;
    }

    /** SRAM bytes the core stores (0 on a free core). */
    public int sramUsedBytes(int row, int col) {
        int id = ownerOf(row, col);
        return id < 0 ? 0 : (int) usedPerCore[id];
    }

    /** Free SRAM bytes on every core of the region (cores of a region are filled alike). */
    @Override
    public long freeBytesPerCore(int regionId) {
        region(regionId);
        return usableBytesPerCore() - usedPerCore[regionId];
    }

    /** Cores owned by some region. */
    @Override
    public long coresUsed() {
        long n = 0;
        for (Region r : regions) {
            n += r.cores();
        }
        return n;
    }

    /** SRAM bytes stored on all cores. */
    @Override
    public long sramBytesUsed() {
        long n = 0;
        for (int i = 0; i < regions.size(); i++) {
            n += usedPerCore[i] * regions.get(i).cores();
        }
        return n;
    }

    /** Index of the directed link leaving core (row, col) in direction dir, unique on this wafer. */
    public int linkIndex(int row, int col, int dir) {
        return (row * spec.cols() + col) * 4 + dir;
    }

}
