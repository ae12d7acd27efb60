package org.fabricsim.results;

import java.util.ArrayList;
import java.util.List;
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.serving.SystemRun;
import org.fabricsim.workloads.serving.TokenLog;

/** A recorded run built by hand: each request with its arrival, TTFT and an even gap between later tokens. */
final class RunFixture {
    private final String system;
    private final List<Request> requests = new ArrayList<>();
    private final List<double[]> tokens = new ArrayList<>();

    RunFixture(String system) {
        this.system = system;
    }

    void request(double arrivalS, double ttftS, double tpotS, int outputTokens) {
        int id = requests.size();
        requests.add(new Request(id, arrivalS, 16, outputTokens));
        for (int k = 0; k < outputTokens; k++) {
            tokens.add(new double[] {id, k, arrivalS + ttftS + k * tpotS});
        }
    }

    RunAnalysis analysis() {
        return analysis(null);
    }

    /** The run analysed with its requests counted against {@code slo} (null: none). */
    RunAnalysis analysis(Slo slo) {
        List<double[]> byTime = new ArrayList<>(tokens);
        byTime.sort((a, b) -> Double.compare(a[2], b[2]));
        TokenLog log = new TokenLog();
        for (double[] t : byTime) {
            log.add((long) t[0], (int) t[1], t[2]);
        }
        return RunAnalysis.of(new SystemRun(system, 0, List.copyOf(requests), log), slo);
    }
}
