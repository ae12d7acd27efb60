package org.fabricsim.fabric.wafer;

import java.util.Arrays;
import java.util.List;
import org.fabricsim.fabric.api.Region;

/**
 * Which regions of a wafer touch which square tiles of its grid, so that a new region is checked for overlap only
 * against the regions near it. A 20-wafer MoE pipeline claims ~1,200 regions a wafer: checking each against every
 * region before it was a quarter of building the pipeline (a quadratic scan), where a tile holds a handful. Tiles
 * are {@value #TILE} cores on a side: a WSE-3 has 24 x 37 of them, a few kilobytes of lists a wafer rather than
 * anything per core.
 */
final class RegionIndex {
    /** Tile side in cores: about the side of a Kimi K2.6 expert's region, so an expert touches a few tiles. */
    static final int TILE = 32;

    private final List<Region> regions;
    private final int tileCols;
    /** Region ids touching each tile (row-major), in increasing order, the first {@code counts[t]} of each used. */
    private final int[][] ids;
    private final int[] counts;

    /** An index over {@code regions} (read, never written: the wafer adds a region there and then here). */
    RegionIndex(int gridRows, int gridCols, List<Region> regions) {
        this.regions = regions;
        this.tileCols = (gridCols + TILE - 1) / TILE;
        int tiles = ((gridRows + TILE - 1) / TILE) * tileCols;
        this.ids = new int[tiles][];
        this.counts = new int[tiles];
    }

    /** Records region {@code id} (ids are added in increasing order) in every tile it touches. */
    void add(int id, Region r) {
        for (int tr = r.row0() / TILE; tr <= (r.row0() + r.rows() - 1) / TILE; tr++) {
            for (int tc = r.col0() / TILE; tc <= (r.col0() + r.cols() - 1) / TILE; tc++) {
                int t = tr * tileCols + tc;
                if (ids[t] == null) {
                    ids[t] = new int[4];
                } else if (counts[t] == ids[t].length) {
                    ids[t] = Arrays.copyOf(ids[t], 2 * counts[t]);
                }
                ids[t][counts[t]++] = id;
            }
        }
    }

    /** The lowest id of a region overlapping {@code r}, or -1 when none does. */
    int firstOverlap(Region r) {
        int first = -1;
        for (int tr = r.row0() / TILE; tr <= (r.row0() + r.rows() - 1) / TILE; tr++) {
            for (int tc = r.col0() / TILE; tc <= (r.col0() + r.cols() - 1) / TILE; tc++) {
                int t = tr * tileCols + tc;
                for (int k = 0; k < counts[t]; k++) {
                    int id = ids[t][k];
                    if (first >= 0 && id >= first) {
                        break; // a tile's ids increase: none further on is lower
                    }
                    if (regions.get(id).overlaps(r)) {
                        first = id;
                    }
                }
            }
        }
        return first;
    }

    /** The region owning core (row, col), or -1 when it is free. */
    int ownerOf(int row, int col) {
        int t = (row / TILE) * tileCols + col / TILE;
        for (int k = 0; k < counts[t]; k++) {
            Region r = regions.get(ids[t][k]);
            if (row >= r.row0() && row < r.row0() + r.rows() && col >= r.col0() && col < r.col0() + r.cols()) {
                return ids[t][k];
            }
        }
        return -1;
    }
}
