package dev.orchestrator.persistence.types;

import org.jooq.EnumType;

/** Role of a profile (profiles.role). Stored as the lower-case literal; the CHECK constraint in the migrations lists the same set. */
public enum ProfileRole implements EnumType {
    CSM("csm"),
    MANAGER("manager"),
    ADMIN("admin");

    private final String literal;

    ProfileRole(String literal) {
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
