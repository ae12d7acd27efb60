package org.fabricsim.fabric.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    /**
     * The table answers as a HashMap does on random keys (clustered like mesh end cores, with growth past the first
     * capacity many times over): every kept route by identity, and null for keys never put.
     */
    @Test
    void answersAsAHashMapDoes_onRandomKeysPastManyGrowths() {
        RouteTable table = new RouteTable();
        Map<Long, int[]> reference = new HashMap<>();
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            long key = ((long) random.nextInt(64) << 48) | ((long) random.nextInt(64) << 32)
                    | ((long) random.nextInt(64) << 16) | random.nextInt(64);
            if (!reference.containsKey(key)) {
                int[] route = {n};
                reference.put(key, route);
                table.put(key, route);
            }
        }
        assertEquals(reference.size(), table.size());
        for (Map.Entry<Long, int[]> e : reference.entrySet()) {
            assertSame(e.getValue(), table.get(e.getKey()));
        }
        for (int n = 0; n < 1000; n++) {
            long absent = (1L << 62) + n;
            assertNull(table.get(absent));
        }
    }
}
