package dev.orchestrator.persistence.types;

import org.jooq.EnumType;

/** Strength of the relationship with a contact (contacts.relationship_strength). Stored as the lower-case literal; the CHECK constraint in the migrations lists the same set. */
public enum RelationshipStrength implements EnumType {
    WEAK("weak"),
    MODERATE("moderate"),
    STRONG("strong");

    private final String literal;

    RelationshipStrength(String literal) {
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
