package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;

import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.SignalLifecycleContract;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import dev.orchestrator.persistence.testing.PostgresFixture;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The set-based SQL of auto-close and early wake equals the Java rules on random histories. */
class PostgresSignalLifecycleContractTest extends SignalLifecycleContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    @Override
    protected PortsFixture newFixture() {
        return DATABASE.newFixture();
    }

    @Override
    protected void changeSignals(Customer customer, CustomerSignals signals) {
        UUID id = customer.id().value();
        ((PostgresFixture) fixture).sql().transaction(tx -> {
            DSLContext t = tx.dsl();
            t.deleteFrom(CUSTOMER_PROPERTIES).where(CUSTOMER_PROPERTIES.CUSTOMER_ID.eq(id)).execute();
            t.insertInto(CUSTOMER_PROPERTIES)
                    .set(CUSTOMER_PROPERTIES.CUSTOMER_ID, id)
                    .set(CUSTOMER_PROPERTIES.ORGANIZATION_ID, customer.organizationId().value())
                    .set(CUSTOMER_PROPERTIES.REVENUE_IMPACT_TIER, small(signals.revenueImpactTier()))
                    .set(CUSTOMER_PROPERTIES.CHURN_RISK_SCORE, small(signals.churnRiskScore()))
                    .set(CUSTOMER_PROPERTIES.USAGE_SCORE, small(signals.usageScore()))
                    .set(CUSTOMER_PROPERTIES.HEALTH_SCORE, small(signals.healthScore()))
                    .set(CUSTOMER_PROPERTIES.UTILIZATION_PERCENT, signals.utilizationPercent())
                    .set(CUSTOMER_PROPERTIES.YOY_GROWTH_PERCENT, signals.yoyGrowthPercent())
                    .set(CUSTOMER_PROPERTIES.MARKET_PRICE_PERCENTILE, signals.marketPricePercentile())
                    .set(CUSTOMER_PROPERTIES.ADOPTION_RATE_PERCENT, signals.adoptionRatePercent())
                    .set(CUSTOMER_PROPERTIES.USAGE_CHANGE_PERCENT_LAST_MONTH, signals.usageChangePercentLastMonth())
                    .execute();
        });
    }

    private static Short small(Integer value) {
        return value == null ? null : value.shortValue();
    }
}
