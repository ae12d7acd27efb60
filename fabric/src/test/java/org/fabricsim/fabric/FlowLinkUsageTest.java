package org.fabricsim.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fabricsim.core.flow.LinkClassUsage;
import org.fabricsim.fabric.api.LinkUsage;
import org.junit.jupiter.api.Test;

class FlowLinkUsageTest {
    @Test
    void of_keepsEveryFigureInItsPlace() {
        // distinct values, so that two swapped figures show
        LinkClassUsage flows = new LinkClassUsage("wafer-mesh", 7, 0.1, 0.2, 0.3, 4.5, 6e9);
        assertEquals(List.of(new LinkUsage("wafer-mesh", 7, 0.1, 0.2, 0.3, 4.5, 6e9)), FlowLinkUsage.of(List.of(flows)));
    }
}
