package dev.orchestrator.core.domain.workload;

import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who a customer without a CSM gets, when work is first created for it: a member of the
 * organization's assignment pool, by its {@link AssignmentStrategy}. The one definition of the rule:
 * the interpreter's SQL ({@code AssignmentSql}) writes the same, and the PoolAssignment contract checks
 * both on random data.
 *
 * <p>One run assigns a batch at once: the customers in id order (UUIDs compared as their text, the way
 * PostgreSQL orders them), counting open work as it was when the run began.
 * <ul>
 *   <li>{@code least_open}: each customer in turn goes to the member with the fewest open executions,
 *       counting the customers already given out in this batch as one each (ties: the lowest id).
 *       The same as laying out every member's "slots" ({@code open}, {@code open + 1}, ...) and giving
 *       the k-th customer the k-th smallest slot, (slot, id) ascending, which is how the SQL does it.</li>
 *   <li>{@code round_robin}: the k-th customer (from 0) goes to the pool's member at position
 *       {@code (turn + k) mod size}, in the pool's order; the organization's turn then moves on by the
 *       batch's size.</li>
 * </ul>
 */
public final class AssignmentRule {

    /** Ids ordered as PostgreSQL orders UUIDs. */
    public static final Comparator<CustomerId> CUSTOMER_ORDER = Comparator.comparing(c -> c.value().toString());
    public static final Comparator<ProfileId> PROFILE_ORDER = Comparator.comparing(p -> p.value().toString());

    private AssignmentRule() {
    }

    /**
     * The CSM of each of {@code customers} (any order; empty when the pool is empty).
     *
     * @param open each pool member's open production executions when the run began (absent: none)
     * @param turn how many customers the pool has handed out before (round robin)
     */
    public static Map<CustomerId, ProfileId> assign(AssignmentStrategy strategy, List<ProfileId> pool,
            Map<ProfileId, Long> open, long turn, List<CustomerId> customers) {
        Objects.requireNonNull(strategy, "strategy");
        Map<CustomerId, ProfileId> assigned = new LinkedHashMap<>();
        if (pool.isEmpty()) {
            return assigned;
        }
        List<CustomerId> ordered = customers.stream().distinct().sorted(CUSTOMER_ORDER).toList();
        Map<ProfileId, Long> counts = new HashMap<>();
        pool.forEach(p -> counts.put(p, open.getOrDefault(p, 0L)));
        for (int k = 0; k < ordered.size(); k++) {
            ProfileId csm;
            if (strategy == AssignmentStrategy.ROUND_ROBIN) {
                csm = pool.get((int) Math.floorMod(turn + k, (long) pool.size()));
            } else {
                csm = pool.stream().min(Comparator.comparingLong((ProfileId p) -> counts.get(p))
                        .thenComparing(PROFILE_ORDER)).orElseThrow();
                counts.merge(csm, 1L, Long::sum);
            }
            assigned.put(ordered.get(k), csm);
        }
        return assigned;
    }

    /** The organization's round-robin turn after a batch of {@code assigned} customers. */
    public static long turnAfter(AssignmentStrategy strategy, long turn, int assigned) {
        return strategy == AssignmentStrategy.ROUND_ROBIN ? turn + assigned : turn;
    }
}
