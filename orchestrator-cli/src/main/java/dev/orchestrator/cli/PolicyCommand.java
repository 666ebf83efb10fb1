package dev.orchestrator.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.out.PolicyVersions;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.policy.PolicyVersion;
import dev.orchestrator.core.domain.policy.PolicyWire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"An organization's priority and signal policies, versioned (docs/priority-and-signals.md).",
                "policy show: the current version as JSON, the same document as GET /api/orchestrator/policies. "
                        + "policy apply FILE: validate FILE (the same format; an absent policy stays as it is), store it "
                        + "as the next version and re-score the organization's open executions with it, in one "
                        + "transaction, as PUT /api/orchestrator/policies does."},
        subcommands = {PolicyCommand.Show.class, PolicyCommand.Apply.class})
final class PolicyCommand implements Runnable {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing what to do: 'policy show' or 'policy apply FILE'");
    }

    /**
     * The organization: the one given, or the database's only one (more than one needs
     * {@code --organization}: a policy is never applied to an organization by guess).
     */
    static OrganizationId organization(OrganizationScope scope, Database database) {
        Optional<OrganizationId> given = scope.scope(database);
        if (given.isPresent()) {
            return given.get();
        }
        Set<OrganizationId> all = database.ports().policies().policiesOfEveryOrganization().keySet();
        if (all.size() != 1) {
            throw CliFailure.usage("--organization: required, the " + database.description() + " holds "
                    + all.size() + " organizations");
        }
        return all.iterator().next();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }


    /** A policy file: one JSON object (a problem in it is a failure naming the file and the line). */
    static Map<String, Object> read(Path file) {
        try {
            return JSON.readValue(Files.readString(file), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw CliFailure.failure(file + ": not a JSON object: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw CliFailure.failure(file + ": cannot read it: " + e.getMessage());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"The organization's current policies as JSON: version (0 = the standard policies), "
                    + "author_id, created_at, priority_policy, signal_policy."})
    static final class Show extends DatabaseCommand {

        @Mixin
        OrganizationScope organization;

        @Option(names = "--history", description = "Every stored version instead, newest first.")
        boolean history;

        @Override
        public Integer call() {
            organization.scope();
            try (Database database = openMigratedDatabase()) {
                OrganizationId org = organization(organization, database);
                Object shown = history
                        ? Map.of("items", database.ports().policies().policyHistory(org).stream()
                                .map(PolicyWire::write).toList())
                        : PolicyWire.write(currentOf(database, org));
                env().out().println(json(shown));
            }
            return 0;
        }

        private static PolicyVersion currentOf(Database database, OrganizationId org) {
            Profile reader = anyProfile(database, org);
            return database.orchestrator().managePolicies().current(reader).orElseThrow();
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Validate FILE, store it as the organization's next policy version and re-score its open "
                    + "executions with it, in one transaction. Every problem is named by its path "
                    + "(priority_policy.type_tiers.renewal: missing); then nothing is written (exit 1)."})
    static final class Apply extends DatabaseCommand {

        @Parameters(index = "0", paramLabel = "FILE", description = "The policy document (JSON).")
        Path file;

        @Mixin
        OrganizationScope organization;

        @Option(names = "--author", paramLabel = "ID",
                description = "The admin recorded as the version's author (default: the organization's first admin).")
        String author;

        @Override
        public Integer call() {
            organization.scope();
            Optional<ProfileId> authorId = Optional.ofNullable(author).map(a -> ProfileId.of(UuidOptions.parse("--author", a)));
            Map<String, Object> body = read(file);
            try (Database database = openMigratedDatabase()) {
                OrganizationId org = organization(organization, database);
                Profile admin = authorId.map(id -> database.ports().profiles().findProfile(org, id)
                                .orElseThrow(() -> CliFailure.failure("--author: no profile " + id.value()
                                        + " in organization " + org.value())))
                        .orElseGet(() -> database.ports().profiles().profiles(org, Optional.of(Role.ADMIN)).stream()
                                .findFirst().orElseThrow(() -> CliFailure.failure("organization " + org.value()
                                        + " has no admin to record as the author; give --author")));
                Result<PolicyVersions.Applied> result = database.orchestrator().managePolicies()
                        .apply(admin, body, OptionalLong.empty());
                if (result instanceof Result.Err<PolicyVersions.Applied> err) {
                    throw CliFailure.failure(file + ": " + describe(err.failure()));
                }
                PolicyVersions.Applied applied = result.orElseThrow();
                env().out().printf("Applied policy version %d to organization %s: %s open executions examined, "
                                + "%s re-scored.%n", applied.version().version(), org.value(),
                        Numbers.count(applied.rescored().examined()), Numbers.count(applied.rescored().changed()));
            }
            return 0;
        }

        private static String describe(Failure failure) {
            if (failure instanceof Failure.Invalid invalid) {
                return "refused, nothing written:" + System.lineSeparator() + String.join(System.lineSeparator(),
                        invalid.errors().stream().map(e -> "  " + e.field() + ": " + e.message()).toList());
            }
            return failure.message();
        }
    }

    /** Reading needs a member of the organization; any profile is one. */
    private static Profile anyProfile(Database database, OrganizationId org) {
        List<Profile> members = database.ports().profiles().profiles(org, Optional.empty());
        if (members.isEmpty()) {
            throw CliFailure.failure("organization " + org.value() + " has no profile");
        }
        return members.get(0);
    }
}
