package dev.orchestrator.persistence.load;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The rows the bulk loaders write, already validated by the caller. Closed sets (role, workflow
 * type, status, relationship strength) are their stored literals; JSON values are JSON text.
 * {@code index} is the row's position in its source (e.g. the import file's section), used to name
 * the row when the database rejects it.
 */
public final class Rows {

    private Rows() {}

    public record Organization(int index, UUID id, String name) {
        public Organization {
            Objects.requireNonNull(id, "id");
        }
    }

    public record Profile(int index, UUID id, UUID organizationId, String email, String fullName, String role,
            UUID managerId) {
        public Profile {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(organizationId, "organizationId");
        }
    }

    /**
     * A customer; {@code properties} null leaves the stored signals alone, {@code contacts} null
     * leaves the stored contacts alone (an empty list removes them).
     */
    public record Customer(int index, UUID id, UUID organizationId, String name, UUID csmId, BigDecimal arr,
            LocalDate renewalDate, Signals properties, List<Contact> contacts) {
        public Customer {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(organizationId, "organizationId");
            contacts = contacts == null ? null : List.copyOf(contacts);
        }
    }

    /** customer_properties; every signal nullable. */
    public record Signals(Integer revenueImpactTier, Integer churnRiskScore, Integer usageScore, Integer healthScore,
            BigDecimal utilizationPercent, BigDecimal yoyGrowthPercent, BigDecimal marketPricePercentile,
            BigDecimal adoptionRatePercent, BigDecimal usageChangePercentLastMonth) {
    }

    /** {@code id} null: the database generates one. */
    public record Contact(UUID id, String name, String email, String title, String relationshipStrength,
            boolean decisionMaker) {
    }

    public record Definition(int index, UUID id, UUID organizationId, String name, String workflowType,
            String description, int priorityWeight, String triggerConditionsJson, boolean active, boolean demo) {
        public Definition {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(organizationId, "organizationId");
            triggerConditionsJson = triggerConditionsJson == null ? "{}" : triggerConditionsJson;
        }
    }

    /** {@code priorityScore} as computed by the caller (0 when it leaves that to a recompute). */
    public record Execution(int index, UUID id, UUID organizationId, UUID definitionId, UUID customerId,
            UUID assignedCsmId, String status, OffsetDateTime snoozeUntil, String skipReason, String executionDataJson,
            boolean demo, int priorityScore) {
        public Execution {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(organizationId, "organizationId");
            status = status == null ? "not_started" : status;
            executionDataJson = executionDataJson == null ? "{}" : executionDataJson;
        }
    }

    /** One customer_properties row, for bulk loads that write signals apart from their customers. */
    public record CustomerSignals(UUID customerId, UUID organizationId, Signals signals) {
    }

    /** One contacts row, for bulk loads that write contacts apart from their customers. */
    public record CustomerContact(UUID organizationId, UUID customerId, Contact contact) {
    }
}
