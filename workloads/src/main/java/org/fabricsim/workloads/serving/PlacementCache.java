package org.fabricsim.workloads.serving;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The placements a runner has built most recently, by what determines them. A run deploys each system twice
 * (once to check capacity before any output, once to run) and packing a 20-wafer MoE takes seconds; a placement is
 * immutable once built (the per-run state lives in the fabric), so runs and threads of one runner may share it.
 * The runner owns the cache, so what one run built never outlives it or leaks into another's measurements.
 */
public final class PlacementCache {

    /** A key that says which type of placement it finds. */
    public interface Key<V> {
    }

    private final Map<Key<?>, Object> recent;
    private final int capacity;

    /** A cache of the {@code capacity} placements used last. */
    public PlacementCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity: must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        recent = new LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key<?>, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A cache that keeps nothing: every lookup builds. */
    public static PlacementCache none() {
        return new PlacementCache(0);
    }

    /** The placement under {@code key}, built by {@code build} (outside the lock: packing takes seconds) if absent. */
    public <V> V get(Key<V> key, Supplier<V> build) {
        if (capacity == 0) {
            return build.get(); // nothing to find: a key's hash (a whole model spec's) is not worth computing
        }
        synchronized (recent) {
            Object known = recent.get(key);
            if (known != null) {
                @SuppressWarnings("unchecked") // put only under a Key<V> with a V
                V v = (V) known;
                return v;
            }
        }
        V built = build.get();
        synchronized (recent) {
            recent.put(key, built);
        }
        return built;
    }
}
