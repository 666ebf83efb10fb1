package dev.orchestrator.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The core's shape, as rules. Read them as the architecture's table of contents:
 * <ul>
 *   <li>{@code core.domain}: the rules of the business (lifecycle, priority, signals, access). Pure values and
 *       functions; knows nothing of use cases or ports.</li>
 *   <li>{@code core.application.port.in}: one interface per use case; what adapters call.</li>
 *   <li>{@code core.application.port.out}: what the core needs from the world (stores, ids); adapters implement them.</li>
 *   <li>{@code core.application.service}: the use cases, built on the domain and the outbound ports.</li>
 * </ul>
 * Every rule fails on an empty selection (ArchUnit's default), so a renamed package cannot make a rule pass vacuously.
 */
class CoreArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orchestrator.core");

    @Test
    void coreDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("dev.orchestrator.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.orchestrator.core..", "java..")
                .because("orchestrator-core is embedded as a plain Maven dependency and must bring no other")
                .check(CORE);
    }

    @Test
    void domainKnowsNothingOfUseCasesOrPorts() {
        noClasses().that().resideInAPackage("dev.orchestrator.core.domain..")
                .should().dependOnClassesThat().resideInAPackage("dev.orchestrator.core.application..")
                .check(CORE);
    }

    @Test
    void portsDoNotDependOnTheServicesThatUseThem() {
        noClasses().that().resideInAPackage("dev.orchestrator.core.application.port..")
                .should().dependOnClassesThat().resideInAPackage("dev.orchestrator.core.application.service..")
                .check(CORE);
    }

    @Test
    void inboundPortsAreInterfacesOrTheirValueTypes() {
        classes().that().resideInAPackage("dev.orchestrator.core.application.port.in")
                .and().areTopLevelClasses()
                .should().beInterfaces()
                .check(CORE);
    }

    @Test
    void outboundPortsAreInterfaces() {
        classes().that().resideInAPackage("dev.orchestrator.core.application.port.out")
                .and().areTopLevelClasses()
                .should().beInterfaces()
                .check(CORE);
    }

    @Test
    void nothingReadsTheSystemClockOrMakesRandomIds() {
        noClasses().that().resideInAPackage("dev.orchestrator.core..")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(UUID.class, "randomUUID")
                .because("time comes from the injected Clock and ids from the IdGenerator port, so that both can be controlled")
                .check(CORE);
    }
}
