package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.WireNamed;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.customer.RelationshipStrength;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The core's enums are the one vocabulary of the closed sets; the migrations' CHECK (... IN ...)
 * constraints must list exactly their wire names. Read from the migrated PostgreSQL
 * (pg_constraint), so a value added on either side alone fails here, and so does a new closed-set
 * column that is not tied to an enum.
 */
@WithPostgres
class ClosedSetChecksTest {

    /** Every closed-set column ({@code table.column}) and the core enum whose wire names it stores. */
    private static final Map<String, Class<? extends WireNamed>> CLOSED_SETS = new LinkedHashMap<>();

    static {
        CLOSED_SETS.put("profiles.role", Role.class);
        CLOSED_SETS.put("reason_codes.kind", dev.orchestrator.core.domain.reasons.ReasonKind.class);
        CLOSED_SETS.put("workflow_executions.escalation_state",
                dev.orchestrator.core.domain.escalation.EscalationState.class);
        CLOSED_SETS.put("workflow_executions.status", ExecutionStatus.class);
        CLOSED_SETS.put("workflow_execution_events.from_status", ExecutionStatus.class);
        CLOSED_SETS.put("workflow_execution_events.to_status", ExecutionStatus.class);
        CLOSED_SETS.put("workflow_execution_events.action", Action.class);
        CLOSED_SETS.put("workflow_definitions.workflow_type", WorkflowType.class);
        CLOSED_SETS.put("contacts.relationship_strength", RelationshipStrength.class);
        CLOSED_SETS.put("workflow_definition_dependencies.while_open",
                dev.orchestrator.core.domain.dependency.WhileOpen.class);
        CLOSED_SETS.put("job_runs.status", dev.orchestrator.core.domain.jobs.JobStatus.class);
        CLOSED_SETS.put("job_runs.trigger", dev.orchestrator.core.domain.jobs.JobTrigger.class);
        CLOSED_SETS.put("organizations.assignment_strategy", dev.orchestrator.core.domain.workload.AssignmentStrategy.class);
        CLOSED_SETS.put("organizations.rebalance_load", dev.orchestrator.core.domain.workload.LoadCounting.class);
    }

    /** How PostgreSQL prints {@code col IN ('a', 'b')}: {@code ((col)::text = ANY ((ARRAY['a'::character varying, ...])::text[]))}. */
    private static final Pattern IN_LIST = Pattern.compile("=\\s*ANY\\s*\\(\\(?ARRAY\\[");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");

    private final List<Check> checks;

    ClosedSetChecksTest(TestDatabase db) throws SQLException {
        this.checks = checks(db);
    }

    @Test
    void eachClosedSetsCheckListsExactlyTheCoreEnumsWireNames() {
        SoftAssertions softly = new SoftAssertions();
        CLOSED_SETS.forEach((column, type) -> {
            List<Check> onColumn = checks.stream().filter(c -> c.column().equals(column) && c.isInList()).toList();
            softly.assertThat(onColumn).as("CHECK (... IN ...) constraints on %s", column).hasSize(1);
            for (Check check : onColumn) {
                softly.assertThat(check.literals())
                        .as("%s (%s) against %s's wire names", check.name(), check.definition(), type.getName())
                        .isEqualTo(wireNames(type));
            }
        });
        softly.assertAll();
    }

    @Test
    void everyClosedSetColumnIsTiedToACoreEnum() {
        Set<String> inListColumns = checks.stream().filter(Check::isInList).map(Check::column)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(inListColumns)
                .as("columns with a CHECK (... IN ...): add each to CLOSED_SETS with its core enum (and a converter)")
                .isEqualTo(new TreeSet<>(CLOSED_SETS.keySet()));
    }

    @Test
    void theParserReadsPostgresqlsRendering() {
        Check check = new Check("t_c_check", "t.c",
                "CHECK (((c)::text = ANY ((ARRAY['a'::character varying, 'b''c'::character varying])::text[])))");

        assertThat(check.isInList()).isTrue();
        assertThat(check.literals()).containsExactlyInAnyOrder("a", "b'c");
    }

    private static Set<String> wireNames(Class<? extends WireNamed> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireNamed::wireName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The single-column CHECK constraints of the current schema, with PostgreSQL's own rendering. */
    private static List<Check> checks(TestDatabase db) throws SQLException {
        String query = """
                SELECT c.conname, t.relname, a.attname, pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'c' AND n.nspname = current_schema() AND cardinality(c.conkey) = 1
                ORDER BY t.relname, c.conname""";
        List<Check> found = new ArrayList<>();
        try (Connection connection = db.connection();
                PreparedStatement statement = connection.prepareStatement(query);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(new Check(rows.getString(1), rows.getString(2) + "." + rows.getString(3), rows.getString(4)));
            }
        }
        assertThat(found).as("CHECK constraints in the migrated schema").isNotEmpty();
        return found;
    }

    private record Check(String name, String column, String definition) {

        boolean isInList() {
            return IN_LIST.matcher(definition).find();
        }

        Set<String> literals() {
            Set<String> literals = new TreeSet<>();
            Matcher m = LITERAL.matcher(definition);
            while (m.find()) {
                literals.add(m.group(1).replace("''", "'"));
            }
            return literals;
        }
    }
}
