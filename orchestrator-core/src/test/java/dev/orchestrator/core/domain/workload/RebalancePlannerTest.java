package dev.orchestrator.core.domain.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workload.RebalancePlanner.Candidate;
import dev.orchestrator.core.domain.workload.RebalancePlanner.Member;
import dev.orchestrator.core.domain.workload.RebalancePlanner.Move;
import dev.orchestrator.core.domain.workload.RebalancePolicy.Rule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each of {@link RebalancePolicy.Rule}'s rules, one at a time, on small hand-made teams. */
class RebalancePlannerTest {

    private static final PriorityPolicy.LabelThresholds LABELS = PriorityPolicy.STANDARD.labels();
    private static final ProfileId BOSS = id(900);
    private static final ProfileId OTHER_BOSS = id(901);

    private final RebalancePlanner planner = new RebalancePlanner(RebalancePolicy.DEFAULTS, LABELS);
    private int next = 1000;

    private static ProfileId id(int n) {
        return new ProfileId(new UUID(0, n));
    }

    private static Member member(int n, ProfileId manager, Integer capacity, long load) {
        return new Member(id(n), "csm" + n, manager, capacity == null ? OptionalInt.empty() : OptionalInt.of(capacity),
                load);
    }

    private Candidate item(int csm, int customer, int score) {
        return item(csm, customer, score, false);
    }

    private Candidate item(int csm, int customer, int score, boolean stays) {
        return new Candidate(new ExecutionId(new UUID(1, next++)), new CustomerId(new UUID(2, customer)),
                "customer" + customer, id(csm), score, 3, stays);
    }

    @Test
    void movableStatus_onlyNotStartedMovesByDefault() {
        assertThat(RebalancePolicy.DEFAULTS.movable(ExecutionStatus.NOT_STARTED, false)).isTrue();
        assertThat(RebalancePolicy.DEFAULTS.movable(ExecutionStatus.UNDERWAY, false)).isFalse();
        assertThat(RebalancePolicy.DEFAULTS.movable(ExecutionStatus.SNOOZED, false)).isFalse();
        RebalancePolicy snoozedToo = new RebalancePolicy(EnumSet.of(ExecutionStatus.NOT_STARTED, ExecutionStatus.SNOOZED),
                false, LoadCounting.OPEN, RebalancePolicy.DEFAULT_WEIGHTS, true);
        assertThat(snoozedToo.movable(ExecutionStatus.SNOOZED, false)).isTrue();
    }

    @Test
    void escalationStays_anOpenEscalationKeepsTheItemUnlessThePolicySaysOtherwise() {
        assertThat(RebalancePolicy.DEFAULTS.movable(ExecutionStatus.NOT_STARTED, true)).isFalse();
        RebalancePolicy escalatedMove = new RebalancePolicy(EnumSet.of(ExecutionStatus.NOT_STARTED), true,
                LoadCounting.OPEN, RebalancePolicy.DEFAULT_WEIGHTS, true);
        assertThat(escalatedMove.movable(ExecutionStatus.NOT_STARTED, true)).isTrue();
    }

    @Test
    void loadCounting_openCountsOneEachAndWeightedCountsTheLabelsPoints() {
        assertThat(RebalancePolicy.DEFAULTS.weight(950, LABELS)).isEqualTo(1);
        RebalancePolicy weighted = RebalancePolicy.DEFAULTS.counted(LoadCounting.PRIORITY_WEIGHTED);
        assertThat(weighted.weight(950, LABELS)).isEqualTo(4);
        assertThat(weighted.weight(750, LABELS)).isEqualTo(3);
        assertThat(weighted.weight(550, LABELS)).isEqualTo(2);
        assertThat(weighted.weight(100, LABELS)).isEqualTo(1);
        var byLabel = new java.util.EnumMap<dev.orchestrator.core.domain.priority.PriorityLabel, Long>(
                dev.orchestrator.core.domain.priority.PriorityLabel.class);
        byLabel.put(dev.orchestrator.core.domain.priority.PriorityLabel.CRITICAL, 2L);
        byLabel.put(dev.orchestrator.core.domain.priority.PriorityLabel.LOW, 3L);
        assertThat(RebalancePolicy.DEFAULTS.load(byLabel)).isEqualTo(5);
        assertThat(weighted.load(byLabel)).isEqualTo(2 * 4 + 3);
    }

    @Test
    void loadCounting_weightedMovesFewerHeavyItems() {
        RebalancePlanner weighted = new RebalancePlanner(RebalancePolicy.DEFAULTS.counted(LoadCounting.PRIORITY_WEIGHTED),
                LABELS);
        // 12 points over a capacity of 8: one critical item (4 points) is enough.
        List<Move> moves = weighted.plan(List.of(member(1, BOSS, 8, 12), member(2, BOSS, 10, 0)),
                List.of(item(1, 1, 950))).moves();
        assertThat(moves).hasSize(1);
        assertThat(moves.get(0).weight()).isEqualTo(4);
    }

    @Test
    void unlimitedTakesNoPart_aCsmWithoutCapacityNeitherGivesNorTakes() {
        var proposal = planner.plan(List.of(member(1, BOSS, null, 50), member(2, BOSS, null, 0), member(3, BOSS, 2, 4)),
                List.of(item(3, 1, 100), item(3, 2, 200)));
        assertThat(proposal.moves()).isEmpty();
        assertThat(proposal.unresolved()).singleElement().asString().contains("csm3", "stays above capacity");
    }

    @Test
    void sourceAboveCapacity_onlyTheExcessMoves() {
        var proposal = planner.plan(List.of(member(1, BOSS, 3, 5), member(2, BOSS, 10, 0)),
                List.of(item(1, 1, 100), item(1, 2, 200), item(1, 3, 300), item(1, 4, 400)));
        assertThat(proposal.moves()).hasSize(2);
        assertThat(proposal.members()).filteredOn(m -> m.csm().equals(id(1))).singleElement()
                .satisfies(m -> assertThat(m.loadAfter()).isEqualTo(3));
    }

    @Test
    void sourceAboveCapacity_aCsmAtCapacityGivesNothing() {
        assertThat(planner.plan(List.of(member(1, BOSS, 3, 3), member(2, BOSS, 10, 0)),
                List.of(item(1, 1, 100))).moves()).isEmpty();
    }

    @Test
    void targetWithinCapacity_noOneIsFilledPastTheirCapacity() {
        var proposal = planner.plan(List.of(member(1, BOSS, 1, 5), member(2, BOSS, 3, 2), member(3, BOSS, 2, 1)),
                List.of(item(1, 1, 100), item(1, 2, 200), item(1, 3, 300), item(1, 4, 400)));
        assertThat(proposal.moves()).hasSize(2);
        assertThat(proposal.members()).allSatisfy(m -> {
            if (!m.csm().equals(id(1))) {
                assertThat(m.loadAfter()).isLessThanOrEqualTo(m.capacity().getAsInt());
            }
        });
        assertThat(proposal.unresolved()).singleElement().asString().contains("csm1");
    }

    @Test
    void sameManager_workDoesNotCrossTeams() {
        var proposal = planner.plan(List.of(member(1, BOSS, 1, 3), member(2, OTHER_BOSS, 10, 0)),
                List.of(item(1, 1, 100), item(1, 2, 200)));
        assertThat(proposal.moves()).isEmpty();
    }

    @Test
    void sameManager_noManagerNoMove() {
        var proposal = planner.plan(List.of(member(1, null, 1, 3), member(2, null, 10, 0)),
                List.of(item(1, 1, 100), item(1, 2, 200)));
        assertThat(proposal.moves()).isEmpty();
        assertThat(proposal.unresolved()).singleElement().asString().contains("no manager");
    }

    @Test
    void lowestPriorityFirst_theLeastImportantWorkMoves() {
        Candidate high = item(1, 1, 950);
        Candidate low = item(1, 2, 120);
        Candidate mid = item(1, 3, 600);
        var moves = planner.plan(List.of(member(1, BOSS, 2, 3), member(2, BOSS, 10, 0)), List.of(high, low, mid)).moves();
        assertThat(moves).extracting(Move::execution).containsExactly(low.execution());
        assertThat(moves.get(0).rules()).contains(Rule.LOWEST_PRIORITY_FIRST);
        assertThat(moves.get(0).reason()).contains("csm1 is above capacity (3/2)", "csm2 has room", "score 120");
    }

    @Test
    void customerTogether_aCustomersItemsMoveToOneCsm() {
        Candidate a1 = item(1, 1, 100);
        Candidate a2 = item(1, 1, 800);
        Candidate b = item(1, 2, 900);
        // Two over: customer 1 (its most important item below customer 2's) goes as a whole.
        var moves = planner.plan(List.of(member(1, BOSS, 2, 4), member(2, BOSS, 10, 5), member(3, BOSS, 10, 6)),
                List.of(a1, a2, b)).moves();
        assertThat(moves).extracting(Move::execution).containsExactly(a1.execution(), a2.execution());
        assertThat(moves).extracting(Move::to).containsOnly(id(2));
        assertThat(moves.get(0).reason()).contains("moves with customer1's other 1 movable item");
    }

    @Test
    void customerTogether_wholeCustomersBeforeOnesThatWouldSplit() {
        Candidate splitting = item(1, 1, 100, true);
        Candidate whole = item(1, 2, 500);
        var moves = planner.plan(List.of(member(1, BOSS, 3, 4), member(2, BOSS, 10, 0)), List.of(splitting, whole))
                .moves();
        assertThat(moves).extracting(Move::execution).containsExactly(whole.execution());
    }

    @Test
    void customerTogether_splitOnlyWhenNoOneHasRoomForTheWhole() {
        Candidate a1 = item(1, 1, 100);
        Candidate a2 = item(1, 1, 200);
        Candidate a3 = item(1, 1, 300);
        // Room for one item each at two CSMs, none for all three: split, lowest first, and said so.
        var moves = planner.plan(List.of(member(1, BOSS, 1, 3), member(2, BOSS, 5, 4), member(3, BOSS, 5, 4)),
                List.of(a1, a2, a3)).moves();
        assertThat(moves).extracting(Move::execution).containsExactly(a1.execution(), a2.execution());
        assertThat(moves).allSatisfy(m -> assertThat(m.reason()).contains("splits customer1"));
        assertThat(moves).allSatisfy(m -> assertThat(m.rules()).doesNotContain(Rule.CUSTOMER_TOGETHER));
    }

    @Test
    void customerTogether_offTheItemsMoveOneByOne() {
        RebalancePlanner apart = new RebalancePlanner(new RebalancePolicy(EnumSet.of(ExecutionStatus.NOT_STARTED), false,
                LoadCounting.OPEN, RebalancePolicy.DEFAULT_WEIGHTS, false), LABELS);
        Candidate a1 = item(1, 1, 100);
        Candidate b = item(1, 2, 200);
        Candidate a2 = item(1, 1, 800);
        var moves = apart.plan(List.of(member(1, BOSS, 1, 3), member(2, BOSS, 10, 0)), List.of(a1, b, a2)).moves();
        assertThat(moves).extracting(Move::execution).containsExactly(a1.execution(), b.execution());
    }

    @Test
    void leastLoadedTarget_theEmptiestByRatioTakesTheWork() {
        // csm2 holds 5/10 (0.5), csm3 8/20 (0.4): csm3, though it has more items.
        var moves = planner.plan(List.of(member(1, BOSS, 1, 2), member(2, BOSS, 10, 5), member(3, BOSS, 20, 8)),
                List.of(item(1, 1, 100))).moves();
        assertThat(moves).extracting(Move::to).containsExactly(id(3));
    }

    @Test
    void leastLoadedTarget_aCustomerAlreadyGivenToACsmGoesThereAgain() {
        Candidate a1 = item(1, 1, 100);
        Candidate a2 = item(1, 1, 110);
        // csm2 and csm3 have room for one item each: the two items split, but a second customer-1 item
        // elsewhere would follow the first; here the first goes to the emptiest, the second must go on.
        var moves = planner.plan(List.of(member(1, BOSS, 1, 3), member(2, BOSS, 4, 3), member(3, BOSS, 10, 9)),
                List.of(a1, a2)).moves();
        assertThat(moves).extracting(Move::to).containsExactly(id(2), id(3));
        List<Move> again = new ArrayList<>(planner.plan(List.of(member(1, BOSS, 1, 3), member(2, BOSS, 10, 5),
                member(3, BOSS, 10, 0)), List.of(a1, a2)).moves());
        assertThat(again).extracting(Move::to).containsOnly(id(3));
    }

    @Test
    void thePlanIsTheSameForTheSameRead() {
        List<Member> team = List.of(member(1, BOSS, 2, 6), member(2, BOSS, 5, 1), member(3, BOSS, 5, 2));
        List<Candidate> items = List.of(item(1, 1, 100), item(1, 2, 200), item(1, 2, 250), item(1, 3, 300),
                item(1, 4, 900, true));
        List<Candidate> reversed = new ArrayList<>(items);
        java.util.Collections.reverse(reversed);
        assertThat(planner.plan(team, items)).isEqualTo(planner.plan(team, reversed));
    }
}
