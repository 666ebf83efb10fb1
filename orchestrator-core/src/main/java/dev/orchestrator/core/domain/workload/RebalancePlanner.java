package dev.orchestrator.core.domain.workload;

import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workload.RebalancePolicy.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Plans a rebalance from one read of a team (each member's load, the movable items of those above
 * capacity) by {@link RebalancePolicy}'s rules, and explains each move. Pure: the same read gives the
 * same proposal, which is why {@code dry_run=false} can apply exactly what a dry run showed.
 */
public final class RebalancePlanner {

    /** A member as read: {@code load} is counted by the policy over their open items; {@code manager} may be null. */
    public record Member(ProfileId csm, String name, ProfileId manager, OptionalInt capacity, long load) {
        public Member {
            Objects.requireNonNull(csm, "csm");
            Objects.requireNonNull(capacity, "capacity");
        }
    }

    /**
     * A movable open item of a member above capacity. {@code customerStays}: the same customer has
     * other open items with this CSM that may not move.
     */
    public record Candidate(ExecutionId execution, CustomerId customer, String customerName, ProfileId csm,
            int priorityScore, long version, boolean customerStays) {
    }

    /** One proposed move; {@code version} is the execution's version the proposal was read at. */
    public record Move(ExecutionId execution, CustomerId customer, String customerName, ProfileId from,
            ProfileId to, int priorityScore, long version, int weight, List<Rule> rules, String reason) {
        public Move {
            rules = List.copyOf(rules);
        }
    }

    /** A member's load before and after the proposal's moves. */
    public record MemberLoad(ProfileId csm, String name, OptionalInt capacity, long loadBefore, long loadAfter) {
    }

    /** {@code unresolved}: why each member still above capacity after the moves still is. */
    public record Proposal(List<Move> moves, List<MemberLoad> members, List<String> unresolved) {
        public Proposal {
            moves = List.copyOf(moves);
            members = List.copyOf(members);
            unresolved = List.copyOf(unresolved);
        }
    }

    /** UUIDs ordered as PostgreSQL orders them (unsigned, byte by byte): their text. */
    static final Comparator<ProfileId> BY_ID = Comparator.comparing(p -> p.value().toString());

    private final RebalancePolicy policy;
    private final PriorityPolicy.LabelThresholds labels;

    public RebalancePlanner(RebalancePolicy policy, PriorityPolicy.LabelThresholds labels) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    public Proposal plan(List<Member> members, List<Candidate> candidates) {
        Map<ProfileId, Member> byId = new LinkedHashMap<>();
        members.stream().sorted(Comparator.comparing((Member m) -> m.name() == null ? "" : m.name())
                .thenComparing(Member::csm, BY_ID)).forEach(m -> byId.put(m.csm(), m));
        Map<ProfileId, Long> load = new HashMap<>();
        byId.values().forEach(m -> load.put(m.csm(), m.load()));
        Map<ProfileId, List<Candidate>> bySource = new HashMap<>();
        for (Candidate c : candidates) {
            bySource.computeIfAbsent(c.csm(), k -> new ArrayList<>()).add(c);
        }
        List<Move> moves = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        // Fullest first: they need room most, and get the first pick of it.
        List<Member> sources = byId.values().stream().filter(m -> above(m.csm(), m.capacity(), load))
                .sorted(Comparator.comparingDouble((Member m) -> -ratio(load.get(m.csm()), m.capacity()))
                        .thenComparing(Member::csm, BY_ID)).toList();
        for (Member source : sources) {
            if (source.manager() == null) {
                unresolved.add(label(source) + " is above capacity (" + load.get(source.csm()) + "/"
                        + source.capacity().getAsInt() + ") but reports to no manager: work moves only within a "
                        + "manager's team");
                continue;
            }
            List<Member> targets = byId.values().stream().filter(t -> !t.csm().equals(source.csm())
                    && source.manager().equals(t.manager()) && t.capacity().isPresent()).toList();
            Map<CustomerId, ProfileId> givenTo = new HashMap<>();
            for (List<Candidate> unit : units(bySource.getOrDefault(source.csm(), List.of()))) {
                if (!above(source.csm(), source.capacity(), load)) {
                    break;
                }
                int weight = unit.stream().mapToInt(c -> policy.weight(c.priorityScore(), labels)).sum();
                Optional<Member> target = target(targets, load, weight, unit.get(0).customer(), givenTo);
                if (target.isPresent()) {
                    for (Candidate c : unit) {
                        moves.add(move(source, target.get(), c, load, unit, c.customerStays()));
                    }
                    givenTo.put(unit.get(0).customer(), target.get().csm());
                    continue;
                }
                // No one has room for the customer as a whole: item by item, the lowest priority first.
                for (Candidate c : unit) {
                    if (!above(source.csm(), source.capacity(), load)) {
                        break;
                    }
                    int w = policy.weight(c.priorityScore(), labels);
                    Optional<Member> one = target(targets, load, w, c.customer(), givenTo);
                    if (one.isPresent()) {
                        moves.add(move(source, one.get(), c, load, unit, unit.size() > 1 || c.customerStays()));
                        givenTo.putIfAbsent(c.customer(), one.get().csm());
                    }
                }
            }
            if (above(source.csm(), source.capacity(), load)) {
                unresolved.add(label(source) + " stays above capacity (" + load.get(source.csm()) + "/"
                        + source.capacity().getAsInt() + "): no one else reporting to the same manager has room for "
                        + "more of their movable work");
            }
        }
        List<MemberLoad> lines = byId.values().stream().map(m -> new MemberLoad(m.csm(), m.name(), m.capacity(),
                m.load(), load.get(m.csm()))).toList();
        return new Proposal(moves, lines, unresolved);
    }

    /**
     * {@link Rule#CUSTOMER_TOGETHER} and {@link Rule#LOWEST_PRIORITY_FIRST}: the order in which a source's
     * items are offered, as units that move together.
     */
    List<List<Candidate>> units(List<Candidate> items) {
        Comparator<Candidate> lowestFirst = Comparator.comparingInt(Candidate::priorityScore)
                .thenComparing(c -> c.execution().value().toString());
        List<List<Candidate>> units = new ArrayList<>();
        if (!policy.keepCustomersTogether()) {
            items.stream().sorted(lowestFirst).forEach(c -> units.add(List.of(c)));
            return units;
        }
        Map<CustomerId, List<Candidate>> byCustomer = new LinkedHashMap<>();
        items.stream().sorted(lowestFirst).forEach(c -> byCustomer.computeIfAbsent(c.customer(), k -> new ArrayList<>()).add(c));
        // A unit is as important as its most important item; whole customers before those that split.
        units.addAll(byCustomer.values());
        units.sort(Comparator.comparing((List<Candidate> u) -> u.get(0).customerStays())
                .thenComparingInt(u -> u.get(u.size() - 1).priorityScore())
                .thenComparing(u -> u.get(0).execution().value().toString()));
        return units;
    }

    /** {@link Rule#TARGET_WITHIN_CAPACITY} and {@link Rule#LEAST_LOADED_TARGET}. */
    private Optional<Member> target(List<Member> targets, Map<ProfileId, Long> load, int weight, CustomerId customer,
            Map<CustomerId, ProfileId> givenTo) {
        List<Member> room = targets.stream().filter(t -> load.get(t.csm()) + weight <= t.capacity().getAsInt()).toList();
        ProfileId already = givenTo.get(customer);
        if (already != null) {
            Optional<Member> same = room.stream().filter(t -> t.csm().equals(already)).findFirst();
            if (same.isPresent()) {
                return same;
            }
        }
        return room.stream().min(Comparator.comparingDouble((Member t) -> ratio(load.get(t.csm()) + weight, t.capacity()))
                .thenComparing(Member::csm, BY_ID));
    }

    private Move move(Member source, Member target, Candidate c, Map<ProfileId, Long> load, List<Candidate> unit,
            boolean split) {
        int w = policy.weight(c.priorityScore(), labels);
        long fromBefore = load.get(source.csm());
        long toBefore = load.get(target.csm());
        load.merge(source.csm(), -(long) w, Long::sum);
        load.merge(target.csm(), (long) w, Long::sum);
        List<Rule> rules = new ArrayList<>(List.of(Rule.MOVABLE_STATUS, Rule.SOURCE_ABOVE_CAPACITY, Rule.SAME_MANAGER,
                Rule.TARGET_WITHIN_CAPACITY, Rule.LOWEST_PRIORITY_FIRST, Rule.LEAST_LOADED_TARGET));
        String customer = c.customerName() != null ? c.customerName() : c.customer().toString();
        String together;
        if (!policy.keepCustomersTogether()) {
            together = "";
        } else if (split) {
            together = "; splits " + customer + ": no one had room for all of its movable items";
        } else {
            rules.add(Rule.CUSTOMER_TOGETHER);
            together = unit.size() > 1 ? "; moves with " + customer + "'s other " + (unit.size() - 1)
                    + " movable item" + (unit.size() > 2 ? "s" : "") : "";
        }
        String reason = label(source) + " is above capacity (" + fromBefore + "/" + source.capacity().getAsInt()
                + "); " + label(target) + " has room (" + toBefore + "/" + target.capacity().getAsInt()
                + " before, " + (toBefore + w) + " after), same manager; lowest priority first (score "
                + c.priorityScore() + ")" + together;
        return new Move(c.execution(), c.customer(), c.customerName(), source.csm(), target.csm(), c.priorityScore(),
                c.version(), w, rules, reason);
    }

    /** {@link Rule#SOURCE_ABOVE_CAPACITY} (and {@link Rule#UNLIMITED_TAKES_NO_PART}). */
    private static boolean above(ProfileId csm, OptionalInt capacity, Map<ProfileId, Long> load) {
        return capacity.isPresent() && load.get(csm) > capacity.getAsInt();
    }

    private static double ratio(long load, OptionalInt capacity) {
        return Capacity.ratio(load, capacity).orElse(0);
    }

    private static String label(Member m) {
        return m.name() != null ? m.name() : m.csm().toString();
    }
}
