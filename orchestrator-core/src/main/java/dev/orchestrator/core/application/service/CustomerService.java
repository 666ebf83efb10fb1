package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ManageCustomers;
import dev.orchestrator.core.application.port.out.CatalogReads;
import dev.orchestrator.core.application.port.out.CatalogReads.StoredCustomer;
import dev.orchestrator.core.application.port.out.CatalogWrites;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.domain.access.AccessPolicy;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.catalog.CatalogJson;
import dev.orchestrator.core.domain.catalog.CatalogReader;
import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonMergePatch;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.signals.SignalScorer;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/** {@link ManageCustomers} on the catalog ports, with the core's visibility and validation rules. */
public final class CustomerService implements ManageCustomers {

    private final CatalogReads reads;
    private final CatalogWrites writes;
    private final ProfileLookup profiles;
    private final CatalogReader reader;
    private final SignalScorer scorer;
    private final Function<OrganizationId, CatalogWrites.Scoring> scoring;

    public CustomerService(CatalogReads reads, CatalogWrites writes, ProfileLookup profiles, CatalogReader reader,
            SignalScorer scorer, Function<OrganizationId, CatalogWrites.Scoring> scoring) {
        this.reads = reads;
        this.writes = writes;
        this.profiles = profiles;
        this.reader = reader;
        this.scorer = scorer;
        this.scoring = scoring;
    }

    @Override
    public Result<View> get(Profile caller, CustomerId id) {
        return visible(caller, id).map(this::view);
    }

    @Override
    public Result<Page> list(Profile caller, Optional<CustomerId> cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Result.err(Failure.Invalid.of("limit", "must be from 1 to " + MAX_PAGE));
        }
        Optional<Set<ProfileId>> csms = switch (caller.role()) {
            case ADMIN, INTEGRATION -> Optional.empty();
            case MANAGER -> {
                Set<ProfileId> team = new HashSet<>();
                team.add(caller.id());
                profiles.reportsOf(caller.organizationId(), caller.id()).forEach(p -> team.add(p.id()));
                yield Optional.of(team);
            }
            case CSM -> Optional.of(Set.of(caller.id()));
        };
        List<StoredCustomer> page = reads.customers(caller.organizationId(), csms, cursor, limit + 1);
        Optional<CustomerId> next = page.size() > limit ? Optional.of(page.get(limit - 1).entry().id()) : Optional.empty();
        return Result.ok(new Page(page.stream().limit(limit).map(this::view).toList(), next));
    }

    @Override
    public Result<Written> put(Profile caller, CustomerId id, JsonObject body, OptionalLong ifMatch) {
        if (!AccessPolicy.canWriteCustomers(caller)) {
            return Result.err(forbidden());
        }
        Optional<StoredCustomer> current = reads.customer(caller.organizationId(), id);
        if (current.isEmpty() && ifMatch.isPresent()) {
            return Result.err(new Failure.Stale(OptionalLong.empty()));
        }
        return save(caller, body, id, ifMatch.isPresent() ? ifMatch : current.map(c -> OptionalLong.of(c.version()))
                .orElse(OptionalLong.empty()), false, false);
    }

    @Override
    public Result<Written> patch(Profile caller, CustomerId id, JsonObject mergePatch, OptionalLong ifMatch) {
        if (!AccessPolicy.canWriteCustomers(caller)) {
            return Result.err(forbidden());
        }
        Optional<StoredCustomer> current = reads.customer(caller.organizationId(), id);
        if (current.isEmpty()) {
            return Result.err(notFound(id));
        }
        JsonObject shown = new JsonObject(CatalogJson.withoutIdentity(CatalogJson.customer(current.get().entry())));
        return save(caller, JsonMergePatch.apply(shown, mergePatch), id,
                ifMatch.isPresent() ? ifMatch : OptionalLong.of(current.get().version()),
                // What the patch does not touch is left as stored rather than written again.
                !mergePatch.values().containsKey("properties"), !mergePatch.values().containsKey("contacts"));
    }

    private Result<Written> save(Profile caller, JsonObject body, CustomerId id, OptionalLong expected,
            boolean keepProperties, boolean keepContacts) {
        Problems problems = new Problems();
        CustomerEntry entry = reader.customer(body, "", problems, id, caller.organizationId());
        if (entry == null) {
            return Result.err(CatalogFailures.invalid(problems));
        }
        Optional<Profile> csm = entry.csmId() == null ? Optional.empty()
                : profiles.findProfile(caller.organizationId(), entry.csmId());
        if (entry.csmId() != null && (csm.isEmpty() || csm.get().role() == Role.INTEGRATION)) {
            return Result.err(Failure.Invalid.of("csm_id", "is not a person of this organization"));
        }
        CustomerEntry toWrite = new CustomerEntry(entry.id(), entry.organizationId(), entry.name(), entry.csmId(),
                entry.arr(), entry.renewalDate(), entry.annualReviewDate(), keepProperties ? null : entry.properties(),
                keepContacts ? null : entry.contacts());
        return CatalogFailures.saved(writes.saveCustomer(toWrite, expected, scoring.apply(caller.organizationId())), saved -> {
            StoredCustomer stored = reads.customer(caller.organizationId(), id).orElseThrow();
            return new Written(view(stored), saved.created(), saved.changes());
        });
    }

    /** The customer, if the caller may see it; otherwise it does not exist for them. */
    private Result<StoredCustomer> visible(Profile caller, CustomerId id) {
        Optional<StoredCustomer> customer = reads.customer(caller.organizationId(), id);
        if (customer.isEmpty()) {
            return Result.err(notFound(id));
        }
        ProfileId csmId = customer.get().entry().csmId();
        Profile csm = csmId == null ? null : profiles.findProfile(caller.organizationId(), csmId).orElse(null);
        return AccessPolicy.canViewCustomer(caller, csmId, csm) ? Result.ok(customer.get()) : Result.err(notFound(id));
    }

    private View view(StoredCustomer stored) {
        return new View(stored.entry(), stored.version(), scorer.score(stored.signals()));
    }

    private static Failure notFound(CustomerId id) {
        return new Failure.NotFound("no customer " + id);
    }

    private static Failure forbidden() {
        return new Failure.Forbidden("only an admin or an integration writes customers");
    }
}
