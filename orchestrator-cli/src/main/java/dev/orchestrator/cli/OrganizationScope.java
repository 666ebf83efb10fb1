package dev.orchestrator.cli;

import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --organization} option of the bulk jobs: one organization, or all of them when absent. */
final class OrganizationScope {

    @Option(names = "--organization", paramLabel = "ID", description = "Only this organization.")
    String organization;

    /** The id as given (a malformed one is a usage error); not checked against the database. */
    Optional<OrganizationId> scope() {
        return organization == null ? Optional.empty()
                : Optional.of(new OrganizationId(UuidOptions.parse("--organization", organization)));
    }

    /**
     * The scope on {@code database}: an organization that is not there is an error (exit 1), the same
     * in every command, rather than a run that quietly finds nothing to do.
     */
    Optional<OrganizationId> scope(Database database) {
        Optional<OrganizationId> scope = scope();
        scope.ifPresent(id -> {
            if (database.ports().catalogOwners().organizationsOf(CatalogSection.ORGANIZATIONS, List.of(id.value()))
                    .isEmpty()) {
                throw CliFailure.failure("--organization: no organization " + id.value() + " in the "
                        + database.description());
            }
        });
        return scope;
    }
}
