package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;

import dev.orchestrator.core.application.port.out.JobLock;
import dev.orchestrator.core.application.port.out.JobRunLog;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.ScoreAgreementContract;
import dev.orchestrator.persistence.testing.PooledPostgresFixture;
import dev.orchestrator.persistence.testing.PostgresFixture;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Score agreement on PostgreSQL: the set-based SQL of interpretation and recompute, the adapters' reads and
 * the Java evaluator behind the queue's explanations must agree on random histories.
 */
class PostgresScoreAgreementContractTest extends ScoreAgreementContract {

    @RegisterExtension
    static final PooledPostgresFixture DATABASE = new PooledPostgresFixture();

    private PostgresStore store;

    @Override
    protected PortsFixture newFixture() {
        PostgresFixture fixture = (PostgresFixture) DATABASE.newFixture();
        store = PostgresStore.create(fixture.dataSource());
        return fixture;
    }

    @Override
    protected void changeSignals(Customer customer, CustomerSignals signals) {
        UUID id = customer.id().value();
        ((PostgresFixture) fixture).sql().transaction(tx -> {
            DSLContext t = tx.dsl();
            t.deleteFrom(CUSTOMER_PROPERTIES).where(CUSTOMER_PROPERTIES.CUSTOMER_ID.eq(id)).execute();
            if (signals != null) {
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
            }
        });
    }

    private static Short small(Integer value) {
        return value == null ? null : value.shortValue();
    }

    @Override
    protected JobRunLog jobRuns() {
        return store.jobRuns();
    }

    @Override
    protected JobLock jobLock() {
        return store.jobLock();
    }
}
