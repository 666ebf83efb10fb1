package dev.orchestrator.core.domain.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link AssignmentRule}: each strategy, the batch order, and an empty pool. */
class AssignmentRuleTest {

    private static final ProfileId A = new ProfileId(new UUID(0, 1));
    private static final ProfileId B = new ProfileId(new UUID(0, 2));
    private static final ProfileId C = new ProfileId(new UUID(0, 3));

    private static CustomerId customer(int n) {
        return new CustomerId(new UUID(1, n));
    }

    @Test
    void leastOpen_eachCustomerGoesToWhoeverHasLeastCountingTheBatch() {
        Map<CustomerId, ProfileId> assigned = AssignmentRule.assign(AssignmentStrategy.LEAST_OPEN, List.of(C, A, B),
                Map.of(A, 5L, B, 3L), 0, List.of(customer(4), customer(1), customer(2), customer(3)));
        // C has none: customer 1 and 2 (C at 0, then 1; B at 3), 3 to C (2 < 3), 4 tied B/C at 3: B (lower id).
        assertThat(assigned).containsExactly(Map.entry(customer(1), C), Map.entry(customer(2), C),
                Map.entry(customer(3), C), Map.entry(customer(4), B));
    }

    @Test
    void roundRobin_thePoolsOrderFromTheTurn() {
        Map<CustomerId, ProfileId> assigned = AssignmentRule.assign(AssignmentStrategy.ROUND_ROBIN, List.of(C, A, B),
                Map.of(), 4, List.of(customer(1), customer(2), customer(3)));
        // turn 4 of 3 members: position 1 (A), then B, then C.
        assertThat(assigned.values()).containsExactly(A, B, C);
        assertThat(AssignmentRule.turnAfter(AssignmentStrategy.ROUND_ROBIN, 4, 3)).isEqualTo(7);
        assertThat(AssignmentRule.turnAfter(AssignmentStrategy.LEAST_OPEN, 4, 3)).isEqualTo(4);
    }

    @Test
    void anEmptyPoolAssignsNoOne() {
        assertThat(AssignmentRule.assign(AssignmentStrategy.LEAST_OPEN, List.of(), Map.of(), 0, List.of(customer(1))))
                .isEmpty();
    }

    @Test
    void customersAreTakenInTheDatabasesUuidOrder() {
        // Signed comparison would put 0x8... before 0x1...; PostgreSQL (and the rule) put it after.
        CustomerId high = new CustomerId(UUID.fromString("80000000-0000-0000-0000-000000000000"));
        CustomerId low = new CustomerId(UUID.fromString("10000000-0000-0000-0000-000000000000"));
        Map<CustomerId, ProfileId> assigned = AssignmentRule.assign(AssignmentStrategy.ROUND_ROBIN, List.of(A, B),
                Map.of(), 0, List.of(high, low));
        assertThat(assigned).containsExactly(Map.entry(low, A), Map.entry(high, B));
    }
}
