package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.ORGANIZATIONS;
import static dev.orchestrator.persistence.jooq.Tables.ORGANIZATION_POLICY_VERSIONS;

import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.application.port.out.PolicyVersions;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.PolicyVersion;
import dev.orchestrator.core.domain.policy.PolicyWire;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.persistence.jooq.tables.records.OrganizationPolicyVersionsRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/**
 * Policy versions in {@code organization_policy_versions} (V30), in the core's wire format. Applying
 * is one transaction: the INSERT of version n + 1 (the primary key lets one of two racing admins in)
 * and the organization's re-score, the same statement as the daily recompute's
 * ({@link SqlPriorityRecomputation}) with the new policy.
 */
final class JooqPolicyVersions implements PolicyVersions {

    private static final String PRIMARY_KEY = "organization_policy_versions_pkey";

    private final DSLContext sql;

    private final RenderedOnce statements;

    JooqPolicyVersions(DSLContext sql) {
        this.sql = sql;
        this.statements = new RenderedOnce(sql);
    }

    @Override
    public PolicyVersion currentPolicies(OrganizationId organization) {
        // Read on every scoring path: its SQL rendered once (docs/performance.md).
        RenderedOnce.Binds binds = new RenderedOnce.Binds("current");
        return statements.fetch(binds, currentQuery(sql, binds, organization), ORGANIZATION_POLICY_VERSIONS.fields())
                .stream().findFirst().map(r -> version(r.into(ORGANIZATION_POLICY_VERSIONS)))
                .orElseGet(PolicyVersion::builtIn);
    }

    @Override
    public List<PolicyVersion> policyHistory(OrganizationId organization) {
        return sql.selectFrom(ORGANIZATION_POLICY_VERSIONS)
                .where(ORGANIZATION_POLICY_VERSIONS.ORGANIZATION_ID.eq(organization.value()))
                .orderBy(ORGANIZATION_POLICY_VERSIONS.VERSION.desc())
                .fetch(JooqPolicyVersions::version);
    }

    @Override
    public Map<OrganizationId, PolicyVersion> policiesOfEveryOrganization() {
        var v = ORGANIZATION_POLICY_VERSIONS;
        var latest = DSL.select(DSL.max(v.VERSION)).from(v).where(v.ORGANIZATION_ID.eq(ORGANIZATIONS.ID));
        Map<OrganizationId, PolicyVersion> every = new LinkedHashMap<>();
        sql.select(ORGANIZATIONS.ID, v.asterisk())
                .from(ORGANIZATIONS)
                .leftJoin(v).on(v.ORGANIZATION_ID.eq(ORGANIZATIONS.ID)).and(v.VERSION.eq(latest))
                .orderBy(ORGANIZATIONS.ID)
                .forEach(row -> every.put(OrganizationId.of(row.get(ORGANIZATIONS.ID)),
                        row.get(v.VERSION) == null ? PolicyVersion.builtIn() : version(row.into(v))));
        return every;
    }

    @Override
    public Optional<Applied> applyPolicies(OrganizationId organization, long expectedCurrent, Policies policies,
            ProfileId author, Instant at, LocalDate today) {
        try {
            return sql.transactionResult(tx -> {
                DSLContext t = tx.dsl();
                if (current(t, organization).version() != expectedCurrent) {
                    return Optional.<Applied>empty();
                }
                long next = expectedCurrent + 1;
                t.insertInto(ORGANIZATION_POLICY_VERSIONS)
                        .set(ORGANIZATION_POLICY_VERSIONS.ORGANIZATION_ID, organization.value())
                        .set(ORGANIZATION_POLICY_VERSIONS.VERSION, next)
                        .set(ORGANIZATION_POLICY_VERSIONS.PRIORITY_POLICY,
                                JsonbCodec.write(JsonObject.of(PolicyWire.write(policies.priority()))))
                        .set(ORGANIZATION_POLICY_VERSIONS.SIGNAL_POLICY,
                                JsonbCodec.write(JsonObject.of(PolicyWire.write(policies.signals()))))
                        .set(ORGANIZATION_POLICY_VERSIONS.AUTHOR_ID, author.value())
                        .set(ORGANIZATION_POLICY_VERSIONS.CREATED_AT, Codes.timestamp(at))
                        .execute();
                Record2<Long, Long> counts = SqlPriorityRecomputation.statement(t, WorkScope.organization(organization),
                        policies.priority(), today).fetchSingle();
                return Optional.of(new Applied(PolicyVersion.stored(next, policies, author, at),
                        new RecomputePriorities.Report(counts.value1(), counts.value2())));
            });
        } catch (IntegrityConstraintViolationException e) {
            if (e.getMessage() != null && e.getMessage().contains(PRIMARY_KEY)) {
                return Optional.empty(); // another admin's version n + 1 came first
            }
            throw e;
        }
    }

    private static PolicyVersion current(DSLContext sql, OrganizationId organization) {
        return currentQuery(sql, organization).fetchOptional(JooqPolicyVersions::version)
                .orElseGet(PolicyVersion::builtIn);
    }

    /**
     * The current version's row: read on every scoring path (each queue read, write and job), one
     * backward probe of the primary key (PolicyPlanTest).
     */
    static org.jooq.ResultQuery<OrganizationPolicyVersionsRecord> currentQuery(DSLContext sql,
            OrganizationId organization) {
        return currentQuery(sql, new RenderedOnce.Binds("current"), organization);
    }

    private static org.jooq.ResultQuery<OrganizationPolicyVersionsRecord> currentQuery(DSLContext sql,
            RenderedOnce.Binds binds, OrganizationId organization) {
        return sql.selectFrom(ORGANIZATION_POLICY_VERSIONS)
                .where(ORGANIZATION_POLICY_VERSIONS.ORGANIZATION_ID.eq(binds.val(organization.value(),
                        ORGANIZATION_POLICY_VERSIONS.ORGANIZATION_ID)))
                .orderBy(ORGANIZATION_POLICY_VERSIONS.VERSION.desc())
                .limit(DSL.inline(1));
    }

    /** A stored row's content: versions are only ever inserted, so equal content reads alike. */
    private record StoredRow(Object organization, Object version, String priority, String signals, Object author,
            Object createdAt) {
        static StoredRow of(OrganizationPolicyVersionsRecord row) {
            return new StoredRow(row.getOrganizationId(), row.getVersion(), row.getPriorityPolicy().data(),
                    row.getSignalPolicy().data(), row.getAuthorId(), row.getCreatedAt());
        }
    }

    /** Rows read and checked at most once each (a few per organization); cleared when full. */
    private static final int MAX_READ_VERSIONS = 1_024;
    private static final BoundedMemo<StoredRow, PolicyVersion> READ = new BoundedMemo<>(MAX_READ_VERSIONS);

    /**
     * A stored row as its policies: read through the wire format once per content, since the current
     * version is read on every scoring path and reading it (two JSON documents, every rule checked) was a
     * visible share of a list page's CPU (docs/performance.md).
     */
    private static PolicyVersion version(OrganizationPolicyVersionsRecord row) {
        StoredRow key = StoredRow.of(row);
        PolicyVersion known = READ.get(key);
        if (known != null) {
            return known;
        }
        return READ.remember(key, read(row));
    }

    /** A stored row, read back through the one reader of the wire format (a row it refuses is a bug). */
    private static PolicyVersion read(OrganizationPolicyVersionsRecord row) {
        Map<String, Object> json = Map.of(PolicyWire.PRIORITY, JsonbCodec.read(row.getPriorityPolicy()).values(),
                PolicyWire.SIGNALS, JsonbCodec.read(row.getSignalPolicy()).values());
        Problems problems = new Problems();
        Policies policies = PolicyWire.read(json, Policies.STANDARD, problems).orElseThrow(() -> new IllegalStateException(
                "stored policy version " + row.getVersion() + " does not read: " + problems.kept()));
        return PolicyVersion.stored(row.getVersion(), policies, ProfileId.of(row.getAuthorId()),
                Codes.instant(row.getCreatedAt()));
    }
}
