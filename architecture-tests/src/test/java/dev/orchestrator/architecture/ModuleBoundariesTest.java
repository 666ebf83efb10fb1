package dev.orchestrator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The hexagon, as rules over the production classes of every module.
 *
 * <pre>
 *                    orchestrator-cli  (composition root: wires everything)
 *              /              |                \                  \
 *   orchestrator-http  orchestrator-scheduler  orchestrator-persistence  orchestrator-dashboard
 *              \              |                /                    (the browser's files: JDK only,
 *                    orchestrator-core  (domain, use cases, ports; JDK only)   talks to the API over HTTP)
 * </pre>
 *
 * Adapters depend on the core and never on each other; each framework stays inside the adapter
 * that owns it. Rules fail when they select nothing (ArchUnit's default), so a moved package
 * cannot make one pass vacuously.
 */
class ModuleBoundariesTest {

    private static final String CORE = "dev.orchestrator.core..";
    private static final String PERSISTENCE = "dev.orchestrator.persistence..";
    private static final String HTTP = "dev.orchestrator.http..";
    private static final String SCHEDULER = "dev.orchestrator.scheduler..";
    private static final String CLI = "dev.orchestrator.cli..";
    private static final String DASHBOARD = "dev.orchestrator.dashboard..";

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orchestrator");

    @Test
    void theCoreDependsOnNoAdapter() {
        noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, HTTP, SCHEDULER, CLI, DASHBOARD)
                .check(PRODUCT);
    }

    /**
     * The domain's rules (the lifecycle, the escalation loop, the reason catalog, the policies) are
     * values and functions: they read no port and call no use case, so that a store's SQL and the
     * core's Java can be proved equal against the same definition.
     */
    /**
     * Analytics' metrics follow from the stores' totals in the core only (AnalyticsMetric,
     * AnalyticsReport): the HTTP and command-line adapters get a finished report and write it
     * (AnalyticsWire), so that no adapter computes a ratio or a ranking of its own.
     */
    @Test
    void onlyTheCoreAndTheStoresHandleAnalyticsTotals() {
        noClasses().that().resideInAnyPackage(HTTP, CLI, SCHEDULER, DASHBOARD)
                .should().dependOnClassesThat().haveNameMatching("dev\\.orchestrator\\.core\\.domain\\.analytics\\.AnalyticsFacts.*")
                .check(PRODUCT);
    }

    /**
     * Serve's server adds the GET routes of any {@code ExtraRoutes} on its class path, past the API's
     * authentication (for the benchmarks' HTTP ceiling): the product itself must provide none.
     */
    @Test
    void theProductProvidesNoExtraRoutes() {
        noClasses().should().implement(dev.orchestrator.http.ExtraRoutes.class).check(PRODUCT);
    }

    @Test
    void theDomainDependsOnNoUseCaseOrPort() {
        noClasses().that().resideInAPackage("dev.orchestrator.core.domain..")
                .should().dependOnClassesThat().resideInAPackage("dev.orchestrator.core.application..")
                .check(PRODUCT);
    }

    @Test
    void adaptersNeverDependOnEachOther() {
        noClasses().that().resideInAPackage(PERSISTENCE)
                .should().dependOnClassesThat().resideInAnyPackage(HTTP, SCHEDULER, CLI)
                .check(PRODUCT);
        noClasses().that().resideInAPackage(HTTP)
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, SCHEDULER, CLI)
                .check(PRODUCT);
        noClasses().that().resideInAPackage(SCHEDULER)
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, HTTP, CLI)
                .check(PRODUCT);
    }

    @Test
    void theDashboardIsAClientOfThePublicApiOnly() {
        noClasses().that().resideInAPackage(DASHBOARD)
                .should().dependOnClassesThat().resideInAnyPackage(CORE, PERSISTENCE, HTTP, SCHEDULER, CLI)
                .because("the dashboard runs in the browser against the public HTTP API; on the server it is files "
                        + "and sign-in codes, which the composition root hands to the HTTP server as a WebSite")
                .check(PRODUCT);
        classes().that().resideInAPackage(DASHBOARD)
                .should().onlyDependOnClassesThat().resideInAnyPackage(DASHBOARD, "java..")
                .because("no framework: the JDK only (the browser side is plain ES modules, no build step)")
                .check(PRODUCT);
        noClasses().that().resideOutsideOfPackages(CLI, DASHBOARD)
                .should().dependOnClassesThat().resideInAPackage(DASHBOARD)
                .because("only the composition root mounts the dashboard; the HTTP adapter knows a WebSite, not the dashboard")
                .check(PRODUCT);
    }

    @Test
    void theModulesFormNoCycle() {
        slices().matching("dev.orchestrator.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void sqlStaysInThePersistenceAdapter() {
        noClasses().that().resideOutsideOfPackage(PERSISTENCE)
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "org.flywaydb..")
                .because("jOOQ and Flyway are the persistence adapter's business")
                .check(PRODUCT);
    }

    @Test
    void onlyTheCompositionRootHandlesTheConnectionPool() {
        noClasses().that().resideOutsideOfPackages(PERSISTENCE, CLI)
                .should().dependOnClassesThat().resideInAnyPackage("com.zaxxer.hikari..")
                .because("the CLI opens and closes the pool that persistence creates; nothing else sees it")
                .check(PRODUCT);
    }

    @Test
    void theWebFrameworkStaysInTheHttpAdapter() {
        noClasses().that().resideOutsideOfPackage(HTTP)
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "com.nimbusds..")
                .check(PRODUCT);
    }

    @Test
    void metricsAndLogEncodingStayAtTheEdges() {
        noClasses().that().resideInAnyPackage(CORE, PERSISTENCE)
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..")
                .because("metrics are the HTTP adapter's and the composition root's business (the CLI hands the "
                        + "registry to the pool); the core and persistence stay unaware of them")
                .check(PRODUCT);
        noClasses().that().resideOutsideOfPackage(CLI)
                .should().dependOnClassesThat().resideInAnyPackage("net.logstash..", "ch.qos.logback..", "sun.misc..")
                .because("the log encoding and the process's signals are configured by the CLI alone; "
                        + "everything else logs through SLF4J")
                .check(PRODUCT);
    }

    @Test
    void theSchedulerLibraryStaysInTheSchedulerAdapter() {
        noClasses().that().resideOutsideOfPackage(SCHEDULER)
                .should().dependOnClassesThat().resideInAnyPackage("com.github.kagkarlsson..")
                .because("db-scheduler is the scheduler adapter's business; the CLI starts it through JobScheduler")
                .check(PRODUCT);
    }

    @Test
    void theCommandLineFrameworkStaysInTheCli() {
        noClasses().that().resideOutsideOfPackage(CLI)
                .should().dependOnClassesThat().resideInAnyPackage("picocli..")
                .check(PRODUCT);
    }

    @Test
    void portImplementationsAreHiddenInsideTheirAdapter() {
        classes().that().resideInAnyPackage(PERSISTENCE, SCHEDULER)
                .and().implement(com.tngtech.archunit.base.DescribedPredicate.describe("an outbound port",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName()
                                .equals("dev.orchestrator.core.application.port.out")))
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .because("callers get ports through PostgresStore and JobScheduler.calendar, never the implementation classes")
                .check(PRODUCT);
    }

    @Test
    void adaptersReachTheUseCasesThroughTheirInboundPorts() {
        noClasses().that().resideInAnyPackage(PERSISTENCE, HTTP, SCHEDULER, CLI)
                .should().dependOnClassesThat().resideInAPackage("dev.orchestrator.core.application.service..")
                .because("Orchestrator hands out the use cases as port.in interfaces; a service class is wiring")
                .check(PRODUCT);
    }

    @Test
    void bulkActionsWriteOnlyThroughTheSingleTransitionPath() {
        noClasses().that().haveSimpleName("BulkActionService")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("ExecutionWriter")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("ExecutionLookup")
                .because("each item of a bulk action must be the single call's guarded write (TransitionExecution)")
                .check(PRODUCT);
    }

    @Test
    void theCoresUseCasesReadAnOrganizationsPoliciesThroughPolicySourceOnly() {
        noClasses().that().resideInAPackage(CORE)
                .and().doNotHaveSimpleName("PolicySource")
                .and().doNotHaveSimpleName("PolicyService")
                .and().doNotHaveSimpleName("Orchestrator")
                .and().doNotHaveSimpleName("OutboundPorts")
                .should().dependOnClassesThat().haveFullyQualifiedName(
                        "dev.orchestrator.core.application.port.out.PolicyVersions")
                .because("every score must come from the organization's current version, read in one place "
                        + "(PolicySource, which also supplies the defaults of an organization that stored none)")
                .check(PRODUCT);
    }

    @Test
    void whetherWorkIsBlockedIsDecidedByTheCoresRuleOrItsOneSqlTranslation() {
        noClasses().that().resideInAnyPackage(HTTP, SCHEDULER, CLI, DASHBOARD)
                .should().dependOnClassesThat().haveSimpleName("DependencyRule")
                .because("adapters show what the core decided (blocked_by, the 409); they never judge a dependency")
                .check(PRODUCT);
        noClasses().that().resideInAPackage(PERSISTENCE)
                .and().doNotHaveSimpleName("DependencySql")
                .and().doNotHaveSimpleName("JooqDependencyBlocks")
                .should().dependOnClassesThat().haveSimpleName("DependencyRule")
                .because("the store applies DependencyRule only through DependencySql, the SQL derived from it and "
                        + "tested equal to it (PostgresDependencyBlocksContractTest)")
                .check(PRODUCT);
    }

    @Test
    void rebalancingMovesWorkOnlyThroughTheBulkReassignPath() {
        noClasses().that().haveSimpleName("RebalanceService")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("ExecutionWriter")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("TransitionExecution")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("ExecutionLookup")
                .because("an applied proposal must be bulk reassigns (ActInBulk), each item a guarded single-call "
                        + "write checked against the version the proposal was made on, with its event")
                .check(PRODUCT);
    }

    @Test
    void theWorkloadRulesArePureDomain() {
        noClasses().that().resideInAPackage("dev.orchestrator.core.domain.workload..")
                .should().dependOnClassesThat().resideInAPackage("dev.orchestrator.core.application..")
                .because("capacity, rebalancing and pool assignment are rules as data, evaluated the same by the "
                        + "planner, the in-memory ports and the SQL derived from them")
                .check(PRODUCT);
    }
}
