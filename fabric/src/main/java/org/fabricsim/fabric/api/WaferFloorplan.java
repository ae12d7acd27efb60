package org.fabricsim.fabric.api;

/**
 * The rectangles of cores a placement claims on one wafer and what each of their cores stores. Regions may not
 * overlap and a core may not store more than its SRAM minus what the kernels reserve; breaking either is an error
 * naming the region's label. The fabric reads the regions (a unit of a pipeline is a region of a floorplan); the
 * SRAM is the placement's to fill. {@link Hardware#floorplan} gives an empty one.
 */
public interface WaferFloorplan {
    /** The wafer the regions are on. */
    WaferDescription spec();

    /** Claims a rectangle of free cores; returns its region id (0, 1, ... in order of claiming). */
    int allocate(Region r, String label);

    /** Stores {@code bytesPerCore} more on every core of the region; {@code what} names the data (e.g. "weights"). */
    void place(int regionId, long bytesPerCore, String what);

    Region region(int regionId);

    String label(int regionId);

    int regionCount();

    /** SRAM bytes per core available to weights, KV cache and activations. */
    int usableBytesPerCore();

    /** Free SRAM bytes on every core of the region (cores of a region are filled alike). */
    long freeBytesPerCore(int regionId);

    /** Cores owned by some region. */
    long coresUsed();

    /** SRAM bytes stored on all cores. */
    long sramBytesUsed();
}
