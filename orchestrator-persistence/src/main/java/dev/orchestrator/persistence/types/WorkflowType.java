package dev.orchestrator.persistence.types;

import org.jooq.EnumType;

/** Kind of workflow definition (workflow_definitions.workflow_type). Stored as the lower-case literal; the CHECK constraint in the migrations lists the same set. */
public enum WorkflowType implements EnumType {
    RISK("risk"),
    OPPORTUNITY("opportunity"),
    STRATEGIC("strategic"),
    RENEWAL("renewal"),
    CUSTOM("custom");

    private final String literal;

    WorkflowType(String literal) {
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
