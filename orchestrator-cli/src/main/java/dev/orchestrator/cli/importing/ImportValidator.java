package dev.orchestrator.cli.importing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.persistence.load.ExistingRows;
import dev.orchestrator.persistence.load.ImportWriter.Section;
import dev.orchestrator.persistence.load.Rows;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The first pass over an import file: checks every field of every row, ids unique per section,
 * emails unique per organization, at most one open execution per (customer, definition), and that
 * every reference points at a row of the same organization, in the file or in the database.
 *
 * <p>Memory grows with the number of ids in the file (not with the rows' content): references are
 * checked as they come against the ids seen so far, and only those pointing further down the file
 * (or into the database) are remembered until the end.
 */
final class ImportValidator implements ImportReader.Handler {

    /** What a reference can point at. */
    enum Target {
        ORGANIZATION("organization", ExistingRows.Table.ORGANIZATIONS),
        PROFILE("profile", ExistingRows.Table.PROFILES),
        CUSTOMER("customer", ExistingRows.Table.CUSTOMERS),
        DEFINITION("workflow definition", ExistingRows.Table.WORKFLOW_DEFINITIONS);

        final String noun;
        final ExistingRows.Table table;

        Target(String noun, ExistingRows.Table table) {
            this.noun = noun;
            this.table = table;
        }
    }

    private record Ref(Target target, UUID id, UUID organization, String path) {
    }

    private record OpenPair(UUID organization, UUID customer, UUID definition) {
    }

    private final Problems problems;
    private final RowMapper mapper;
    private final ExistingRows existing;
    private final Map<UUID, UUID> canonicalOrganizations = new HashMap<>();
    private final Map<Target, Map<UUID, UUID>> owners = new EnumMap<>(Target.class);
    private final Map<Section, Map<UUID, Integer>> seenIds = new EnumMap<>(Section.class);
    private final Map<String, Integer> emails = new HashMap<>();
    private final Map<OpenPair, Integer> openPairs = new HashMap<>();
    private final Map<Section, Integer> counts = new EnumMap<>(Section.class);
    private final List<Ref> pending = new ArrayList<>();

    ImportValidator(Problems problems, PriorityPolicy policy, ExistingRows existing) {
        this.problems = problems;
        this.mapper = new RowMapper(problems, policy);
        this.existing = existing;
        for (Target t : Target.values()) {
            owners.put(t, new HashMap<>());
        }
        for (Section s : Section.values()) {
            seenIds.put(s, new HashMap<>());
        }
    }

    Map<Section, Integer> counts() {
        return counts;
    }

    @Override
    public void row(Section section, int index, JsonNode node) {
        counts.merge(section, 1, Integer::sum);
        long before = problems.count();
        check(section, index, node);
        if (problems.count() > before) {
            rememberDespiteProblems(section, node);
        }
    }

    /**
     * A row with a problem still exists as far as references go (when its id and organization can
     * be read): rows that refer to it should not be reported as dangling too.
     */
    private void rememberDespiteProblems(Section section, JsonNode node) {
        Target target = switch (section) {
            case ORGANIZATIONS -> Target.ORGANIZATION;
            case PROFILES -> Target.PROFILE;
            case CUSTOMERS -> Target.CUSTOMER;
            case WORKFLOW_DEFINITIONS -> Target.DEFINITION;
            default -> null;
        };
        UUID id = uuidOrNull(node.get("id"));
        UUID organization = section == Section.ORGANIZATIONS ? id : uuidOrNull(node.get("organization_id"));
        if (target != null && id != null && organization != null) {
            owners.get(target).putIfAbsent(id, canonical(organization));
        }
    }

    private static UUID uuidOrNull(JsonNode value) {
        try {
            return value != null && value.isTextual() ? UUID.fromString(value.textValue().strip()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void check(Section section, int index, JsonNode node) {
        String path = RowMapper.path(section, index);
        switch (section) {
            case ORGANIZATIONS -> {
                Rows.Organization o = mapper.organization(node, index);
                if (o != null && unique(section, o.id(), index, path)) {
                    owners.get(Target.ORGANIZATION).put(o.id(), canonical(o.id()));
                }
            }
            case PROFILES -> {
                Rows.Profile p = mapper.profile(node, index);
                if (p == null) {
                    return;
                }
                if (unique(section, p.id(), index, path)) {
                    owners.get(Target.PROFILE).put(p.id(), canonical(p.organizationId()));
                }
                Integer other = emails.putIfAbsent(p.organizationId() + "\u0000" + p.email(), index);
                if (other != null) {
                    problems.add(path + ".email", "is already the email of profiles[" + other + "] in this organization");
                }
                ref(Target.ORGANIZATION, p.organizationId(), p.organizationId(), () -> path + ".organization_id");
                ref(Target.PROFILE, p.managerId(), p.organizationId(), () -> path + ".manager_id");
            }
            case CUSTOMERS -> {
                Rows.Customer c = mapper.customer(node, index);
                if (c == null) {
                    return;
                }
                if (unique(section, c.id(), index, path)) {
                    owners.get(Target.CUSTOMER).put(c.id(), canonical(c.organizationId()));
                }
                ref(Target.ORGANIZATION, c.organizationId(), c.organizationId(), () -> path + ".organization_id");
                ref(Target.PROFILE, c.csmId(), c.organizationId(), () -> path + ".csm_id");
            }
            case WORKFLOW_DEFINITIONS -> {
                Rows.Definition d = mapper.definition(node, index);
                if (d == null) {
                    return;
                }
                if (unique(section, d.id(), index, path)) {
                    owners.get(Target.DEFINITION).put(d.id(), canonical(d.organizationId()));
                }
                ref(Target.ORGANIZATION, d.organizationId(), d.organizationId(), () -> path + ".organization_id");
            }
            case WORKFLOW_EXECUTIONS -> {
                Rows.Execution e = mapper.execution(node, index, UUID.randomUUID());
                if (e == null) {
                    return;
                }
                if (node.hasNonNull("id")) {
                    unique(section, e.id(), index, path);
                }
                if (e.status().equals("not_started") || e.status().equals("underway") || e.status().equals("snoozed")) {
                    Integer other = openPairs.putIfAbsent(
                            new OpenPair(canonical(e.organizationId()), e.customerId(), e.definitionId()), index);
                    if (other != null) {
                        problems.add(path, "workflow_executions[" + other + "] is already an open execution of this "
                                + "definition for this customer (at most one may be not_started, underway or snoozed)");
                    }
                }
                ref(Target.ORGANIZATION, e.organizationId(), e.organizationId(), () -> path + ".organization_id");
                ref(Target.DEFINITION, e.definitionId(), e.organizationId(), () -> path + ".workflow_definition_id");
                ref(Target.CUSTOMER, e.customerId(), e.organizationId(), () -> path + ".customer_id");
                ref(Target.PROFILE, e.assignedCsmId(), e.organizationId(), () -> path + ".assigned_csm_id");
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Checks the references that pointed further down the file or into the database. */
    void finish() throws SQLException {
        Map<Target, Set<UUID>> lookups = new EnumMap<>(Target.class);
        List<Ref> unresolved = new ArrayList<>();
        for (Ref r : pending) {
            if (!checkInFile(r.target(), r.id(), r.organization(), r::path)) {
                unresolved.add(r);
                lookups.computeIfAbsent(r.target(), t -> new HashSet<>()).add(r.id());
            }
        }
        pending.clear();
        Map<Target, Map<UUID, UUID>> found = new EnumMap<>(Target.class);
        for (Map.Entry<Target, Set<UUID>> e : lookups.entrySet()) {
            found.put(e.getKey(), existing.organizationsOf(e.getKey().table, e.getValue()));
        }
        for (Ref r : unresolved) {
            UUID owner = found.get(r.target()).get(r.id());
            if (owner == null) {
                problems.add(r.path(), r.target().noun + " " + r.id()
                        + " does not exist (neither in the file nor in the database)");
            } else if (!owner.equals(r.organization())) {
                problems.add(r.path(), r.target().noun + " " + r.id() + " belongs to another organization ("
                        + owner + ")");
            }
        }
    }

    private void ref(Target target, UUID id, UUID organization, Supplier<String> path) {
        if (id == null || organization == null) {
            return;
        }
        if (!checkInFile(target, id, organization, path)) {
            pending.add(new Ref(target, id, canonical(organization), path.get()));
        }
    }

    /** True when the file has the row (a problem is recorded if it is in another organization). */
    private boolean checkInFile(Target target, UUID id, UUID organization, Supplier<String> path) {
        UUID owner = owners.get(target).get(id);
        if (owner == null) {
            return false;
        }
        if (!owner.equals(organization)) {
            problems.add(path.get(), target.noun + " " + id + " belongs to another organization (" + owner + ")");
        }
        return true;
    }

    private boolean unique(Section section, UUID id, int index, String path) {
        Integer other = seenIds.get(section).putIfAbsent(id, index);
        if (other != null) {
            problems.add(path + ".id", "is also the id of " + RowMapper.path(section, other));
            return false;
        }
        return true;
    }

    /** One UUID instance per organization, so that maps of ids do not hold a copy per row. */
    private UUID canonical(UUID organization) {
        return canonicalOrganizations.computeIfAbsent(organization, o -> o);
    }
}
