package org.fabricsim.fabric.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RouterConfigTest {

    @Test
    void constructor_badField_namesFieldAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RouterConfig(-1, 0, 0, 1, 1, 2, 8));
        assertTrue(e.getMessage().contains("routing_cycles") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RouterConfig(0, 0, 0, 1, 0, 2, 8));
        assertTrue(e.getMessage().contains("link_cycles"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RouterConfig(0, 0, 0, 1, 1, 0, 8));
        assertTrue(e.getMessage().contains("virtual_channels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RouterConfig(0, 0, 0, 1, 1, 2, 0));
        assertTrue(e.getMessage().contains("buffer_depth_flits"), e.getMessage());
    }

    @Test
    void wafer_twoCyclesPerHop_oneWaveletPerLinkCycle() {
        RouterConfig w = RouterConfig.wafer();
        assertEquals(2, w.hopCycles());
        assertEquals(1, w.linkCycles());
        assertEquals(4, RouterConfig.FLIT_BYTES);
        assertTrue(w.bufferDepthFlits() >= w.creditRoundTripCycles(), "wafer buffers must cover the credit round trip");
    }

    @Test
    void hopCycles_isSumOfStagesAndLink() {
        RouterConfig c = new RouterConfig(1, 2, 3, 4, 5, 2, 8);
        assertEquals(10, c.routerCycles());
        assertEquals(15, c.hopCycles());
        assertEquals(3 + 4 + 10, c.creditRoundTripCycles());
        assertEquals(3 * 15 + 10 + 7, c.zeroLoadLatencyCycles(3, 8));
    }
}
