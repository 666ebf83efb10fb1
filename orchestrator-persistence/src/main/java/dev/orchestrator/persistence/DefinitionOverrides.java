package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Row5;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Definitions as a what-if would have them: the changed ones as a VALUES list {@code o} LEFT JOINed
 * to the stored ones by id, each column read as {@code COALESCE(o.column, stored column)}. Nothing is
 * written (a simulation runs in a READ ONLY transaction, where not even a temporary table may be
 * created). {@link #NONE} changes nothing and renders the statements exactly as without it, so the
 * interpretation and the auto-close keep the SQL their plans were measured with.
 */
final class DefinitionOverrides {

    static final DefinitionOverrides NONE = new DefinitionOverrides(List.of(), "o");

    private final List<WorkflowDefinition> changed;
    private final String alias;

    private DefinitionOverrides(List<WorkflowDefinition> changed, String alias) {
        this.changed = List.copyOf(changed);
        this.alias = alias;
    }

    /** The changed definitions under {@code alias} (one per join: a statement may join them twice). */
    static DefinitionOverrides of(List<WorkflowDefinition> changed, String alias) {
        return new DefinitionOverrides(changed, alias);
    }

    /** {@code table LEFT JOIN (VALUES …) o ON o.id = id}, or {@code table} when nothing changes. */
    Table<?> joinedTo(Table<?> table, Field<UUID> id) {
        if (changed.isEmpty()) {
            return table;
        }
        @SuppressWarnings("unchecked")
        Row5<UUID, WorkflowType, Integer, JSONB, Boolean>[] rows = changed.stream()
                .map(d -> DSL.row(inline(d.id().value()), inline(d.type(), WORKFLOW_DEFINITIONS.WORKFLOW_TYPE),
                        inline(d.priorityWeight()), inline(JsonbCodec.write(d.triggerConditions().json())),
                        inline(d.active())))
                .toArray(Row5[]::new);
        Table<?> values = DSL.values(rows).as(alias, "id", "workflow_type", "priority_weight", "trigger_conditions",
                "is_active");
        return table.leftJoin(values).on(column("id", SQLDataType.UUID).eq(id));
    }

    Field<WorkflowType> type(Field<WorkflowType> stored) {
        return changed.isEmpty() ? stored : DSL.coalesce(column("workflow_type", stored.getDataType()), stored);
    }

    Field<Integer> weight(Field<Integer> stored) {
        return changed.isEmpty() ? stored : DSL.coalesce(column("priority_weight", SQLDataType.INTEGER), stored);
    }

    Field<JSONB> conditions(Field<JSONB> stored) {
        return changed.isEmpty() ? stored : DSL.coalesce(column("trigger_conditions", SQLDataType.JSONB), stored);
    }

    Field<Boolean> active(Field<Boolean> stored) {
        return changed.isEmpty() ? stored : DSL.coalesce(column("is_active", SQLDataType.BOOLEAN), stored);
    }

    private <T> Field<T> column(String column, org.jooq.DataType<T> type) {
        return DSL.field(name(alias, column), type);
    }
}
