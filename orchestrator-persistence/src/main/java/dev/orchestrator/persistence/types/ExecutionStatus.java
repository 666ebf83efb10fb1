package dev.orchestrator.persistence.types;

import org.jooq.EnumType;

/** Status of a workflow execution (workflow_executions.status, events' from/to_status). Stored as the lower-case literal; the CHECK constraint in the migrations lists the same set. */
public enum ExecutionStatus implements EnumType {
    NOT_STARTED("not_started"),
    UNDERWAY("underway"),
    COMPLETED("completed"),
    SNOOZED("snoozed"),
    SKIPPED("skipped");

    private final String literal;

    ExecutionStatus(String literal) {
        this.literal = literal;
    }

    /** The value stored in the database column. */
    @Override
    public String getLiteral() {
        return literal;
    }

    /** Not a PostgreSQL enum type: the column is a VARCHAR with a CHECK constraint. */
    @Override
    public String getName() {
        return null;
    }
}
