package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ImportCatalog;
import dev.orchestrator.core.application.port.out.CatalogLoader;
import dev.orchestrator.core.application.port.out.CatalogLoader.Located;
import dev.orchestrator.core.application.port.out.CatalogOwners;
import dev.orchestrator.core.application.port.out.IdGenerator;
import dev.orchestrator.core.application.port.out.PriorityRecomputation;
import dev.orchestrator.core.application.service.CatalogReferences.Target;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.catalog.CatalogReader;
import dev.orchestrator.core.domain.catalog.CatalogRules;
import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.dependency.DependencyGraph;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.ExecutionEntry;
import dev.orchestrator.core.domain.catalog.OrganizationEntry;
import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@link ImportCatalog} on the catalog ports: the core's rules decide, the loader only writes. */
public final class ImportService implements ImportCatalog {

    private final CatalogOwners owners;
    private final CatalogLoader loader;
    private final PriorityRecomputation recomputation;
    private final IdGenerator ids;
    private final PolicySource policies;
    private final CatalogReader reader;
    private final Clock clock;
    private final int batchSize;

    public ImportService(CatalogOwners owners, CatalogLoader loader, PriorityRecomputation recomputation,
            IdGenerator ids, PolicySource policies, CatalogReader reader, Clock clock, int batchSize) {
        this.owners = owners;
        this.loader = loader;
        this.recomputation = recomputation;
        this.ids = ids;
        this.policies = policies;
        this.reader = reader;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Override
    public Import begin() {
        return new Run();
    }

    private final class Run implements Import {
        private final Problems problems = new Problems();
        private final CatalogReferences references = new CatalogReferences(problems, owners);
        /** Definitions are read with their organization's policies (its tiers, its score cap). */
        private final CatalogReaders definitions = new CatalogReaders(policies).memoized();
        private final Map<CatalogSection, Integer> counts = new EnumMap<>(CatalogSection.class);
        /** The incoming definitions per organization (a few dozen each), for the cycle check. */
        private final Map<OrganizationId, Map<DefinitionId, Incoming>> incoming = new LinkedHashMap<>();

        @Override
        public Problems problems() {
            return problems;
        }

        @Override
        public Map<CatalogSection, Integer> rowsRead() {
            return counts;
        }

        @Override
        public void check(CatalogSection section, int index, JsonObject row) {
            counts.merge(section, 1, Integer::sum);
            long before = problems.count();
            String path = section.path(index);
            switch (section) {
                case ORGANIZATIONS -> {
                    OrganizationEntry o = reader.organization(row, path, problems);
                    if (o != null) {
                        references.row(section, o.id().value(), o.id().value(), index);
                    }
                }
                case PROFILES -> {
                    Profile p = reader.profile(row, path, problems);
                    if (p != null) {
                        UUID org = p.organizationId().value();
                        references.row(section, p.id().value(), org, index);
                        references.email(org, p.email(), index, path + ".email");
                        references.ref(Target.ORGANIZATION, org, org, () -> path + ".organization_id");
                        references.ref(Target.PROFILE, p.managerId() == null ? null : p.managerId().value(), org,
                                () -> path + ".manager_id");
                    }
                }
                case CUSTOMERS -> {
                    CustomerEntry c = reader.customer(row, path, problems);
                    if (c != null) {
                        UUID org = c.organizationId().value();
                        references.row(section, c.id().value(), org, index);
                        references.ref(Target.ORGANIZATION, org, org, () -> path + ".organization_id");
                        if (c.csmId() != null) {
                            references.ref(Target.PROFILE, c.csmId().value(), org, () -> path + ".csm_id");
                        }
                    }
                }
                case WORKFLOW_DEFINITIONS -> {
                    WorkflowDefinition d = definitions.forRow(row).definition(row, path, problems);
                    if (d != null) {
                        UUID org = d.organizationId().value();
                        references.row(section, d.id().value(), org, index);
                        references.ref(Target.ORGANIZATION, org, org, () -> path + ".organization_id");
                        for (int i = 0; i < d.dependsOn().size(); i++) {
                            String at = path + ".depends_on[" + i + "].definition_id";
                            references.ref(Target.DEFINITION, d.dependsOn().get(i).prerequisite().value(), org, () -> at);
                        }
                        incoming.computeIfAbsent(d.organizationId(), o -> new LinkedHashMap<>())
                                .put(d.id(), new Incoming(path, d.name(),
                                        d.dependsOn().stream().map(Dependency::prerequisite).toList()));
                    }
                }
                case WORKFLOW_EXECUTIONS -> {
                    boolean hasId = row.values().get("id") != null;
                    ExecutionEntry e = reader.execution(row, path, problems, ids::newId);
                    if (e != null) {
                        UUID org = e.organizationId().value();
                        if (hasId) {
                            references.row(section, e.id().value(), org, index);
                        }
                        if (!e.status().isTerminal()) {
                            references.openExecution(org, e.customerId().value(), e.definitionId().value(), index, path);
                        }
                        references.ref(Target.ORGANIZATION, org, org, () -> path + ".organization_id");
                        references.ref(Target.DEFINITION, e.definitionId().value(), org, () -> path + ".workflow_definition_id");
                        references.ref(Target.CUSTOMER, e.customerId().value(), org, () -> path + ".customer_id");
                        references.ref(Target.PROFILE, e.assignedCsmId().value(), org, () -> path + ".assigned_csm_id");
                    }
                }
                default -> throw new IllegalStateException(section.toString());
            }
            if (problems.count() > before) {
                CatalogReader.Identity identity = CatalogReader.identityOf(section, row);
                references.exists(section, identity.id(), identity.organization());
            }
        }

        @Override
        public void finishChecks() {
            references.finish();
            if (problems.isEmpty()) {
                cycles();
            }
        }

        /**
         * The incoming definitions' dependencies, with the stored ones they replace or point at, make no
         * cycle (checked once every reference is known to exist; the cycle is named at the first row in it).
         */
        private void cycles() {
            incoming.forEach((organization, rows) -> {
                if (rows.values().stream().allMatch(r -> r.prerequisites().isEmpty())) {
                    return;
                }
                Map<DefinitionId, List<DefinitionId>> graph = new LinkedHashMap<>();
                rows.forEach((id, row) -> graph.put(id, row.prerequisites()));
                owners.storedDependencies(organization).forEach(graph::putIfAbsent);
                Optional<List<DefinitionId>> cycle = DependencyGraph.cycle(graph);
                if (cycle.isPresent()) {
                    Incoming first = cycle.get().stream().map(rows::get).filter(java.util.Objects::nonNull)
                            .findFirst().orElseThrow();
                    CatalogRules.cycle(graph, id -> rows.containsKey(id) ? rows.get(id).name() : id.toString(),
                            first.path() + ".depends_on", problems);
                }
            });
        }

        @Override
        public Result<Report> write(Replay replay) {
            if (!problems.isEmpty()) {
                throw new IllegalStateException("write after a pass with problems");
            }
            Instant now = clock.instant();
            Set<OrganizationId> organizations = new LinkedHashSet<>();
            Map<String, CatalogLoader.Counts> written;
            try (CatalogLoader.Session session = loader.begin(now)) {
                Batches batches = new Batches(session, organizations);
                replay.replay(batches::add);
                Optional<Problem> refused = batches.flush();
                if (refused.isPresent()) {
                    return Result.err(new Failure.Invalid(List.of(new Failure.FieldError(refused.get().field(),
                            refused.get().reason()))));
                }
                written = session.commit();
            } catch (Refused r) {
                return Result.err(new Failure.Invalid(List.of(new Failure.FieldError(r.problem.field(), r.problem.reason()))));
            }
            long examined = 0;
            long changed = 0;
            long rescoreStarted = System.nanoTime();
            for (OrganizationId organization : organizations) {
                // Scored as every other write scores: with the organization's current policy.
                var report = recomputation.recompute(Optional.of(organization),
                        policies.current(organization).policies().priority(),
                        now.atOffset(ZoneOffset.UTC).toLocalDate());
                examined += report.examined();
                changed += report.changed();
            }
            return Result.ok(new Report(written, Set.copyOf(organizations), examined, changed,
                    (System.nanoTime() - rescoreStarted) / 1_000_000));
        }
    }

    /** An incoming definition as the cycle check needs it. */
    private record Incoming(String path, String name, List<DefinitionId> prerequisites) {
    }

    /** A row the store refused, carried out of the replay. */
    private static final class Refused extends RuntimeException {
        final Problem problem;

        Refused(Problem problem) {
            super(problem.toString(), null, false, false);
            this.problem = problem;
        }
    }

    /** Buffers rows per section and writes them in batches, parents first. */
    private final class Batches {
        private final CatalogLoader.Session session;
        private final Set<OrganizationId> organizations;
        private final List<Located<?>> buffer = new ArrayList<>();
        private final Problems unexpected = new Problems();
        private final CatalogReaders definitions = new CatalogReaders(policies).memoized();
        private CatalogSection current;

        Batches(CatalogLoader.Session session, Set<OrganizationId> organizations) {
            this.session = session;
            this.organizations = organizations;
        }

        void add(CatalogSection section, int index, JsonObject row) {
            if (current != null && section.ordinal() < current.ordinal()) {
                throw new IllegalStateException(section.jsonName() + " after " + current.jsonName()
                        + ": sections must be written in dependency order");
            }
            if (section != current) {
                flush().ifPresent(p -> {
                    throw new Refused(p);
                });
                current = section;
            }
            String path = section.path(index);
            Object entry = switch (section) {
                case ORGANIZATIONS -> reader.organization(row, path, unexpected);
                case PROFILES -> reader.profile(row, path, unexpected);
                case CUSTOMERS -> reader.customer(row, path, unexpected);
                case WORKFLOW_DEFINITIONS -> definitions.forRow(row).definition(row, path, unexpected);
                case WORKFLOW_EXECUTIONS -> reader.execution(row, path, unexpected, ids::newId);
            };
            if (entry == null) {
                throw new IllegalStateException("rows changed between the two passes: " + unexpected.kept());
            }
            buffer.add(new Located<>(path, entry));
            if (buffer.size() >= batchSize) {
                flush().ifPresent(p -> {
                    throw new Refused(p);
                });
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Optional<Problem> flush() {
            if (buffer.isEmpty()) {
                return Optional.empty();
            }
            List rows = List.copyOf(buffer);
            buffer.clear();
            for (Located<?> l : (List<Located<?>>) rows) {
                organizations.add(organizationOf(l.row()));
            }
            return switch (current) {
                case ORGANIZATIONS -> session.organizations(rows);
                case PROFILES -> session.profiles(rows);
                case CUSTOMERS -> session.customers(rows);
                case WORKFLOW_DEFINITIONS -> session.definitions(rows);
                case WORKFLOW_EXECUTIONS -> session.executions(rows);
            };
        }

        private OrganizationId organizationOf(Object row) {
            if (row instanceof OrganizationEntry o) {
                return o.id();
            } else if (row instanceof Profile p) {
                return p.organizationId();
            } else if (row instanceof CustomerEntry c) {
                return c.organizationId();
            } else if (row instanceof WorkflowDefinition d) {
                return d.organizationId();
            }
            return ((ExecutionEntry) row).organizationId();
        }
    }
}
