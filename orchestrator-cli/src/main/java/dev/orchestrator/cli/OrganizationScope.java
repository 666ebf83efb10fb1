package dev.orchestrator.cli;

import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --organization} option of the bulk jobs: one organization, or all of them when absent. */
final class OrganizationScope {

    @Option(names = "--organization", paramLabel = "ID", description = "Only this organization.")
    String organization;

    Optional<OrganizationId> scope() {
        return organization == null ? Optional.empty()
                : Optional.of(new OrganizationId(Uuids.parse("--organization", organization)));
    }
}
