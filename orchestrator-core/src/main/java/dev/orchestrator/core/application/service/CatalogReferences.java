package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.port.out.CatalogOwners;
import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.catalog.Problems;
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
 * The rules across rows of one load: ids unique per section, emails unique per organization, at
 * most one open execution per (customer, definition), and every reference pointing at a row of
 * the same organization, in the data or in the store.
 *
 * <p>Memory grows with the number of ids (not with the rows' content): references are checked as
 * they come against the ids seen so far, and only those pointing further down the data (or into
 * the store) are remembered until {@link #finish()}.
 */
final class CatalogReferences {

    /** What a reference can point at. */
    enum Target {
        ORGANIZATION("organization", CatalogSection.ORGANIZATIONS),
        PROFILE("profile", CatalogSection.PROFILES),
        CUSTOMER("customer", CatalogSection.CUSTOMERS),
        DEFINITION("workflow definition", CatalogSection.WORKFLOW_DEFINITIONS);

        final String noun;
        final CatalogSection section;

        Target(String noun, CatalogSection section) {
            this.noun = noun;
            this.section = section;
        }

        static Target of(CatalogSection section) {
            for (Target t : values()) {
                if (t.section == section) {
                    return t;
                }
            }
            return null;
        }
    }

    private record Ref(Target target, UUID id, UUID organization, String path) {
    }

    private record OpenPair(UUID organization, UUID customer, UUID definition) {
    }

    private final Problems problems;
    private final CatalogOwners owners;
    private final Map<UUID, UUID> canonicalOrganizations = new HashMap<>();
    private final Map<Target, Map<UUID, UUID>> seenOwners = new EnumMap<>(Target.class);
    private final Map<CatalogSection, Map<UUID, Integer>> seenIds = new EnumMap<>(CatalogSection.class);
    private final Map<String, Integer> emails = new HashMap<>();
    private final Map<OpenPair, Integer> openPairs = new HashMap<>();
    private final List<Ref> pending = new ArrayList<>();

    CatalogReferences(Problems problems, CatalogOwners owners) {
        this.problems = problems;
        this.owners = owners;
        for (Target t : Target.values()) {
            seenOwners.put(t, new HashMap<>());
        }
        for (CatalogSection s : CatalogSection.values()) {
            seenIds.put(s, new HashMap<>());
        }
    }

    /** A row with an id: true when the id is new in its section. Records who owns it. */
    boolean row(CatalogSection section, UUID id, UUID organization, int index) {
        Integer other = seenIds.get(section).putIfAbsent(id, index);
        if (other != null) {
            problems.add(section.path(index) + ".id", "is also the id of " + section.path(other));
            return false;
        }
        exists(section, id, organization);
        return true;
    }

    /** A row that exists as far as references go, even if it has problems (so rows referring to it are not reported too). */
    void exists(CatalogSection section, UUID id, UUID organization) {
        Target target = Target.of(section);
        if (target != null && id != null && organization != null) {
            seenOwners.get(target).putIfAbsent(id, canonical(organization));
        }
    }

    void email(UUID organization, String email, int index, String path) {
        Integer other = emails.putIfAbsent(organization + "\u0000" + email, index);
        if (other != null) {
            problems.add(path, "is already the email of " + CatalogSection.PROFILES.path(other) + " in this organization");
        }
    }

    void openExecution(UUID organization, UUID customer, UUID definition, int index, String path) {
        Integer other = openPairs.putIfAbsent(new OpenPair(canonical(organization), customer, definition), index);
        if (other != null) {
            problems.add(path, CatalogSection.WORKFLOW_EXECUTIONS.path(other) + " is already an open execution of this "
                    + "definition for this customer (at most one may be not_started, underway or snoozed)");
        }
    }

    void ref(Target target, UUID id, UUID organization, Supplier<String> path) {
        if (id == null || organization == null) {
            return;
        }
        if (!checkSeen(target, id, organization, path)) {
            pending.add(new Ref(target, id, canonical(organization), path.get()));
        }
    }

    /** Checks the references that pointed further down the data or into the store. */
    void finish() {
        Map<Target, Set<UUID>> lookups = new EnumMap<>(Target.class);
        List<Ref> unresolved = new ArrayList<>();
        for (Ref r : pending) {
            if (!checkSeen(r.target(), r.id(), r.organization(), r::path)) {
                unresolved.add(r);
                lookups.computeIfAbsent(r.target(), t -> new HashSet<>()).add(r.id());
            }
        }
        pending.clear();
        Map<Target, Map<UUID, UUID>> found = new EnumMap<>(Target.class);
        lookups.forEach((target, ids) -> found.put(target, owners.organizationsOf(target.section, ids)));
        for (Ref r : unresolved) {
            UUID owner = found.get(r.target()).get(r.id());
            if (owner == null) {
                problems.add(r.path(), r.target().noun + " " + r.id() + " does not exist (neither in the data given nor stored)");
            } else if (!owner.equals(r.organization())) {
                problems.add(r.path(), r.target().noun + " " + r.id() + " belongs to another organization");
            }
        }
    }

    /** True when the data has the row (a problem is recorded if it is in another organization). */
    private boolean checkSeen(Target target, UUID id, UUID organization, Supplier<String> path) {
        UUID owner = seenOwners.get(target).get(id);
        if (owner == null) {
            return false;
        }
        if (!owner.equals(organization)) {
            problems.add(path.get(), target.noun + " " + id + " belongs to another organization");
        }
        return true;
    }

    /** One UUID instance per organization, so that maps of ids do not hold a copy per row. */
    private UUID canonical(UUID organization) {
        return canonicalOrganizations.computeIfAbsent(organization, o -> o);
    }
}
