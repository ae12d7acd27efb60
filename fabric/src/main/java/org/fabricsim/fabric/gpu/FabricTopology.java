package org.fabricsim.fabric.gpu;

import java.util.Locale;

/**
 * How the NICs attach to leaf switches. RAIL_OPTIMIZED: NIC i of every node goes to the leaf of rail i,
 * so same-rail traffic between nodes crosses one leaf. FAT_TREE: the 8 NICs of a node go to the same leaf
 * (nodes filled into leaves in order), so inter-node traffic between leaves crosses a spine.
 */
public enum FabricTopology {
    RAIL_OPTIMIZED, FAT_TREE;

    public static FabricTopology named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "rail_optimized", "rail-optimized", "rail" -> RAIL_OPTIMIZED;
            case "fat_tree", "fat-tree", "plain" -> FAT_TREE;
            default -> throw new IllegalArgumentException("topology: must be rail_optimized or fat_tree, got " + name);
        };
    }
}
