package org.fabricsim.workloads.serving;

import java.util.List;
import org.fabricsim.workloads.requests.Request;

/**
 * What one system did in one replication: the requests as they arrived (closed-loop arrival times
 * filled in) and every token it emitted. Immutable once the run is over; results reads only this.
 */
public record SystemRun(String system, int replication, List<Request> requests, TokenLog tokens) {
}
