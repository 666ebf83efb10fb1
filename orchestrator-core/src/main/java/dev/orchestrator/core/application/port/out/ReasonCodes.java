package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.reasons.ReasonCode;
import java.util.List;

/**
 * An organization's stored reason codes. None stored means the organization never wrote its own
 * catalog ({@code ReasonCatalog.ofStored} reads that as the default set).
 */
public interface ReasonCodes {

    /** The stored codes of {@code organization}, in no particular order; empty when it has none. */
    List<ReasonCode> reasonCodes(OrganizationId organization);

    /** Replaces every stored code of {@code organization} with {@code codes}, all or nothing. */
    void replaceReasonCodes(OrganizationId organization, List<ReasonCode> codes);
}
