package dev.orchestrator.core.domain.customer;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Arrays;
import java.util.Optional;

/** How strong the relationship with a contact at the customer is; a strong one lowers the risk score. */
public enum RelationshipStrength implements WireNamed {
    WEAK("weak"),
    MODERATE("moderate"),
    STRONG("strong");

    private final String wireName;

    RelationshipStrength(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<RelationshipStrength> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
