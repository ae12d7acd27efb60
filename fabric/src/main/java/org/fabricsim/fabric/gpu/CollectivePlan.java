package org.fabricsim.fabric.gpu;

import org.fabricsim.core.flow.FlowGroup;

/** Flows of one collective phase, as {@link Collectives} plans and runs them. */
final class CollectivePlan {
    final int steps;
    double fixedS;
    /** Its start delay once computed (NaN until then; the plan does not change once built). */
    double startDelayS = Double.NaN;
    /** Its flows as a group of the flow network once started; null until then. */
    private FlowGroup group;
    /** Per flow, latency still to add after its completion (rest of the longest route it stands for); null: none. */
    double[] tailS;
    int[][] routes;
    long[] bytes;
    int flows;

    CollectivePlan(int steps, int capacity) {
        this.steps = steps;
        this.routes = new int[Math.max(1, capacity)][];
        this.bytes = new long[Math.max(1, capacity)];
    }

    void add(int[] route, long b) {
        if (flows == routes.length) {
            routes = java.util.Arrays.copyOf(routes, flows * 2);
            bytes = java.util.Arrays.copyOf(bytes, flows * 2);
        }
        routes[flows] = route;
        bytes[flows] = b;
        flows++;
    }

    /** The flows as a group (built once: the plan does not change once started). */
    FlowGroup group() {
        if (group == null) {
            group = new FlowGroup(routes, bytes, flows, tailS);
        }
        return group;
    }
}
