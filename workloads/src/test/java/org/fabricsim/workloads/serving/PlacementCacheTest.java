package org.fabricsim.workloads.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlacementCacheTest {
    private record Key(int id) implements PlacementCache.Key<String> {
    }

    @Test
    void get_sameKeyTwice_buildsOnce() {
        PlacementCache cache = new PlacementCache(2);
        AtomicInteger builds = new AtomicInteger();
        String a = cache.get(new Key(1), () -> "placed " + builds.incrementAndGet());
        String b = cache.get(new Key(1), () -> "placed " + builds.incrementAndGet());
        assertSame(a, b);
        assertEquals(1, builds.get());
    }

    @Test
    void get_beyondCapacity_forgetsTheLeastRecentlyUsed() {
        PlacementCache cache = new PlacementCache(2);
        AtomicInteger builds = new AtomicInteger();
        cache.get(new Key(1), () -> "1:" + builds.incrementAndGet());
        cache.get(new Key(2), () -> "2:" + builds.incrementAndGet());
        cache.get(new Key(1), () -> "1:" + builds.incrementAndGet()); // 1 is now the most recent
        cache.get(new Key(3), () -> "3:" + builds.incrementAndGet()); // evicts 2
        assertEquals(3, builds.get());
        assertEquals("1:1", cache.get(new Key(1), () -> "rebuilt"));
        assertEquals("rebuilt", cache.get(new Key(2), () -> "rebuilt"));
    }

    @Test
    void none_keepsNothing() {
        PlacementCache cache = PlacementCache.none();
        AtomicInteger builds = new AtomicInteger();
        cache.get(new Key(1), () -> "x" + builds.incrementAndGet());
        cache.get(new Key(1), () -> "x" + builds.incrementAndGet());
        assertEquals(2, builds.get());
    }
}
