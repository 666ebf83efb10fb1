package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.REASON_CODES;

import dev.orchestrator.core.application.port.out.ReasonCodes;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.reasons.ReasonCode;
import java.util.List;
import org.jooq.DSLContext;

/** {@code reason_codes}: a replacement is a DELETE and one multi-row INSERT in one transaction. */
final class JooqReasonCodes implements ReasonCodes {

    private final DSLContext sql;

    JooqReasonCodes(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public List<ReasonCode> reasonCodes(OrganizationId organization) {
        return sql.select(REASON_CODES.CODE, REASON_CODES.KIND, REASON_CODES.LABEL, REASON_CODES.ACTIVE)
                .from(REASON_CODES)
                .where(REASON_CODES.ORGANIZATION_ID.eq(organization.value()))
                .fetch(r -> new ReasonCode(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    @Override
    public void replaceReasonCodes(OrganizationId organization, List<ReasonCode> codes) {
        sql.transaction(tx -> {
            DSLContext t = tx.dsl();
            t.deleteFrom(REASON_CODES).where(REASON_CODES.ORGANIZATION_ID.eq(organization.value())).execute();
            if (codes.isEmpty()) {
                return;
            }
            var insert = t.insertInto(REASON_CODES, REASON_CODES.ORGANIZATION_ID, REASON_CODES.CODE,
                    REASON_CODES.KIND, REASON_CODES.LABEL, REASON_CODES.ACTIVE);
            for (ReasonCode code : codes) {
                insert = insert.values(organization.value(), code.code(), code.kind(), code.label(), code.active());
            }
            insert.execute();
        });
    }
}
