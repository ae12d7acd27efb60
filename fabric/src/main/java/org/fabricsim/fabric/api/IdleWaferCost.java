package org.fabricsim.fabric.api;

import java.util.List;
import java.util.Locale;

/**
 * What operations on the units of a wafer pipeline cost with nothing else running, summed by cause from the
 * mesh's geometry and the cost model alone (no simulation), so that a workload can show where a token's time
 * goes. Units are as in {@link WaferSystem#pipeline}.
 */
public interface IdleWaferCost {
    /** Seconds by cause. */
    record Breakdown(double overheadS, double computeS, double hopsS, double stagesS, double serialS,
            double movesS, double interWaferS) {
        public double totalS() {
            return overheadS + computeS + hopsS + stagesS + serialS + movesS + interWaferS;
        }

        @Override
        public String toString() {
            double t = totalS();
            return String.format(Locale.ROOT,
                    "%.1f us/token (%.0f tok/s): op overhead %.0f%%, compute %.0f%%, hops %.0f%%, reduction stages %.0f%%,"
                            + " link serialisation %.0f%%, moves between regions %.0f%%, inter-wafer %.0f%%",
                    t * 1e6, 1 / t, 100 * overheadS / t, 100 * computeS / t, 100 * hopsS / t, 100 * stagesS / t,
                    100 * serialS / t, 100 * movesS / t, 100 * interWaferS / t);
        }
    }

    /** Adds mesh work on unit {@code unit}, phase by phase. */
    void compute(int unit, List<MeshPhase> phases);

    /** Adds a move of {@code bytes} from unit {@code from} to unit {@code to}, the source's rows carrying a share each. */
    void transfer(int from, int to, long bytes);

    /**
     * Adds {@code vectors} vectors of {@code bytesPerVector} sent from unit {@code from} to unit {@code to} of the
     * same wafer as one flow and as many back (an MoE layer's fan-out to an expert and fan-in).
     */
    void fanOutAndBack(int from, int to, int vectors, long bytesPerVector);

    /** Mesh hops between the anchors (top-left cores) of two units' regions. */
    int hops(int a, int b);

    /** Everything added so far, by cause. */
    Breakdown breakdown();
}
