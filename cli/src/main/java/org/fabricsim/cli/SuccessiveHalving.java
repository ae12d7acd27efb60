package org.fabricsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fabricsim.cli.sweep.SweepPlan;
import org.fabricsim.cli.sweep.SweepPoint;
import org.fabricsim.results.Pareto;

/**
 * Successive halving (Jamieson and Talwalkar, AISTATS 2016; Li et al.'s Hyperband, JMLR 2018) over a search's grid,
 * with the requests a point simulates as its budget: rung k of R runs ceil(N / eta^k) points, each with
 * ceil(requests / eta^(R-1-k)) requests per replication (the last rung the base's full count), and keeps for the next
 * rung the 1/eta of them that rank best. Two scores rank a point, the objective and tokens/s per user, so points go by
 * their non-dominated rank (NSGA-II's sorting, as multi-objective successive halving does: Schmucker et al., 2021), the
 * front first, ties by the objective; a point with several systems takes its best system's rank. A grid of N points
 * costs about R x N / eta^(R-1) full runs instead of N.
 *
 * <p>The budget is the workload's {@code requests} (synthetic sources) or {@code max_requests} (a trace replay): a
 * short run ranks a deployment on fewer requests, biased where the first requests see an emptier system, which the
 * later rungs correct for the points that survive.
 *
 * @param eta   the fraction kept per rung is 1/eta (at least 2)
 * @param rungs how many rungs (at least 2)
 */
record SuccessiveHalving(int eta, int rungs) {
    /** Most grid points the first rung runs. */
    static final int MAX_POINTS = 4096;

    SuccessiveHalving {
        if (eta < 2 || eta > 16) {
            throw new IllegalArgumentException("eta: must be in 2..16, got " + eta);
        }
        if (rungs < 2 || rungs > 8) {
            throw new IllegalArgumentException("rungs: must be in 2..8, got " + rungs);
        }
    }

    /** Points rung {@code k} runs, of a grid of {@code n}. */
    int points(int n, int k) {
        return (int) Math.max(1, Math.ceil(n / Math.pow(eta, k)));
    }

    /** Requests per replication at rung {@code k} when the last rung runs {@code full}. */
    int requests(int full, int k) {
        return (int) Math.max(1, Math.ceil(full / Math.pow(eta, rungs - 1 - k)));
    }

    /**
     * The points of rung {@code k}: {@code alive} (grid indexes) with their budget, re-indexed for the rung's own
     * directory under the grid's parameter names.
     */
    SweepPlan rung(SweepPlan grid, List<Integer> alive, int k) throws ScenarioException {
        List<SweepPoint> points = new ArrayList<>();
        for (int i = 0; i < alive.size(); i++) {
            SweepPoint p = grid.points().get(alive.get(i));
            points.add(new SweepPoint(i, p.values(), withBudget(p, k)));
        }
        return new SweepPlan(grid.name() + "-rung-" + k, grid.parameters(), points);
    }

    private String withBudget(SweepPoint p, int k) throws ScenarioException {
        Scenario s = SweepLoader.bindPoint(p);
        try {
            ObjectNode tree = (ObjectNode) ScenarioLoader.mapper(true).readTree(p.scenarioYaml());
            ObjectNode workload = (ObjectNode) tree.get("workload");
            String key = budgetKey(s);
            workload.set(key, IntNode.valueOf(requests(workload.get(key).asInt(), k)));
            return ScenarioLoader.resolvedYaml(ScenarioLoader.mapper(true).treeToValue(tree, Scenario.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ScenarioException(ScenarioLoader.describe("point " + p.index(), e), e);
        }
    }

    /** The workload key a point's budget sets: {@code requests}, or {@code max_requests} for a trace replay. */
    static String budgetKey(Scenario s) {
        return s.workload().requests() != null ? "requests" : "max_requests";
    }

    /**
     * Refuses, before anything runs, a grid whose budget cannot be cut: a trace replay without {@code max_requests},
     * or a full count too small to give the first rung a request per rung's fraction.
     */
    void check(String where, SweepPlan grid) throws ScenarioException {
        if (grid.points().size() > MAX_POINTS) {
            throw new ScenarioException(where + ": axes: " + grid.points().size() + " points; successive halving runs at"
                    + " most " + MAX_POINTS + " in its first rung: narrow the axes");
        }
        Scenario s = SweepLoader.bindPoint(grid.points().get(0));
        if (s.workload().requests() == null && s.workload().maxRequests() == null) {
            throw new ScenarioException(where + ": strategy: successive halving cuts each point's requests, and a trace"
                    + " replay has no count to cut: set base workload.max_requests");
        }
    }

    /**
     * The grid indexes of the points of a scored rung that go on to the next: {@code keep} of them by non-dominated
     * rank, then by objective, then by grid order.
     */
    static List<Integer> survivors(List<SearchFront.Candidate> scored, int keep) {
        double[] a = scored.stream().mapToDouble(SearchFront.Candidate::objective).toArray();
        double[] b = scored.stream().mapToDouble(SearchFront.Candidate::tokensPerSPerUser).toArray();
        int[] rank = Pareto.ranks(a, b);
        Map<Integer, Integer> bestRank = new HashMap<>();
        Map<Integer, Double> bestObjective = new HashMap<>();
        for (int i = 0; i < scored.size(); i++) {
            int point = scored.get(i).point();
            bestRank.merge(point, rank[i], Math::min);
            double o = Double.isNaN(a[i]) ? Double.NEGATIVE_INFINITY : a[i];
            bestObjective.merge(point, o, Math::max);
        }
        List<Integer> points = new ArrayList<>(bestRank.keySet());
        points.sort(Comparator.<Integer>comparingInt(bestRank::get)
                .thenComparing(p -> -bestObjective.get(p))
                .thenComparingInt(p -> p));
        return List.copyOf(points.subList(0, Math.min(keep, points.size())));
    }

    /** Reads a search file's {@code strategy}: absent or {@code grid} (null), or a successive-halving mapping. */
    static SuccessiveHalving parse(String where, JsonNode node) throws ScenarioException {
        if (node == null || node.isNull() || node.isTextual() && node.asText().equals("grid")) {
            return null;
        }
        if (!node.isObject() || !"successive_halving".equals(node.path("kind").asText(null))) {
            throw new ScenarioException(where + ": must be grid or {kind: successive_halving, eta: 3, rungs: 3}, got "
                    + node);
        }
        for (var it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!List.of("kind", "eta", "rungs").contains(key)) {
                throw new ScenarioException(where + "." + key + ": unknown key; successive_halving takes eta and rungs");
            }
        }
        try {
            return new SuccessiveHalving(whole(where + ".eta", node.path("eta"), 3),
                    whole(where + ".rungs", node.path("rungs"), 3));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(where + "." + e.getMessage(), e);
        }
    }

    private static int whole(String where, JsonNode v, int otherwise) throws ScenarioException {
        if (v.isMissingNode() || v.isNull()) {
            return otherwise;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ScenarioException(where + ": must be a whole number, got " + v);
        }
        return v.intValue();
    }
}
