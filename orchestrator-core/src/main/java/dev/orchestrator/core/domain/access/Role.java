package dev.orchestrator.core.domain.access;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Arrays;
import java.util.Optional;

/** What a profile may see and do beyond its own work. */
public enum Role implements WireNamed {
    CSM("csm"),
    MANAGER("manager"),
    ADMIN("admin"),
    /**
     * A system, not a person (a CRM sync, a product-analytics webhook): writes customers and their
     * signals and reads customers; has no queue and acts on no execution.
     */
    INTEGRATION("integration");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
