package dev.orchestrator.core.domain.catalog;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of catalog data, in the order they must be loaded (each may refer to the ones before). */
public enum CatalogSection {
    ORGANIZATIONS("organizations"),
    PROFILES("profiles"),
    CUSTOMERS("customers"),
    WORKFLOW_DEFINITIONS("workflow_definitions"),
    WORKFLOW_EXECUTIONS("workflow_executions");

    private final String jsonName;

    CatalogSection(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name of the section in an import file. */
    public String jsonName() {
        return jsonName;
    }

    /** How row {@code index} of this section is named in problems: {@code customers[3]}. */
    public String path(int index) {
        return jsonName + "[" + index + "]";
    }

    public static Optional<CatalogSection> fromJsonName(String name) {
        return Arrays.stream(values()).filter(s -> s.jsonName.equals(name)).findFirst();
    }
}
