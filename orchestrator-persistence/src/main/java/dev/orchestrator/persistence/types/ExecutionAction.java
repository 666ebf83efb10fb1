package dev.orchestrator.persistence.types;

import org.jooq.EnumType;

/** What happened to an execution (workflow_execution_events.action). Stored as the lower-case literal; the CHECK constraint in the migrations lists the same set. */
public enum ExecutionAction implements EnumType {
    CREATE("create"),
    START("start"),
    COMPLETE("complete"),
    SNOOZE("snooze"),
    SKIP("skip"),
    ESCALATE("escalate"),
    WAKE("wake"),
    UPDATE_DATA("update_data");

    private final String literal;

    ExecutionAction(String literal) {
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
