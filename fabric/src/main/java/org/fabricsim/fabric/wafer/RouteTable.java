package org.fabricsim.fabric.wafer;

/**
 * Routes kept by a long key (a mesh route's two end cores), in an open-addressed table with linear probing, so that a
 * look-up neither boxes its key nor allocates: a flow-fidelity run looks a route up on every one of its millions of
 * transfers. Keys are never removed.
 */
final class RouteTable {
    private long[] keys = new long[1024];
    private int[][] routes = new int[1024][];
    private int size;

    /** The route kept for {@code key}, or null. */
    int[] get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); routes[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return routes[i];
            }
        }
        return null;
    }

    /** Keeps {@code route} for {@code key}, which must not be kept yet. */
    void put(long key, int[] route) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(key, route);
        size++;
    }

    int size() {
        return size;
    }

    private void insert(long key, int[] route) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (routes[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        routes[i] = route;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[][] oldRoutes = routes;
        keys = new long[oldKeys.length * 2];
        routes = new int[oldKeys.length * 2][];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldRoutes[i] != null) {
                insert(oldKeys[i], oldRoutes[i]);
            }
        }
    }

    /** The key's home slot: its bits mixed (the 64-bit finaliser of MurmurHash3), then masked. */
    private static int slot(long key, int mask) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}
