-- The signals the ranker reads, one row per customer. Every signal is nullable:
-- a missing signal contributes nothing to a score.
CREATE TABLE customer_properties (
    customer_id                     UUID        NOT NULL,
    organization_id                 UUID        NOT NULL,
    revenue_impact_tier             SMALLINT,
    churn_risk_score                SMALLINT,
    usage_score                     SMALLINT,
    health_score                    SMALLINT,
    utilization_percent             NUMERIC(7, 2),
    yoy_growth_percent              NUMERIC(8, 2),
    market_price_percentile         NUMERIC(5, 2),
    adoption_rate_percent           NUMERIC(5, 2),
    usage_change_percent_last_month NUMERIC(7, 2),
    updated_at                      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT customer_properties_pkey PRIMARY KEY (customer_id),
    CONSTRAINT customer_properties_customer_fkey FOREIGN KEY (organization_id, customer_id)
        REFERENCES customers (organization_id, id) ON DELETE CASCADE,
    CONSTRAINT customer_properties_revenue_impact_tier_check CHECK (revenue_impact_tier BETWEEN 0 AND 5),
    CONSTRAINT customer_properties_churn_risk_score_check CHECK (churn_risk_score BETWEEN 0 AND 10),
    CONSTRAINT customer_properties_usage_score_check CHECK (usage_score BETWEEN 0 AND 100),
    CONSTRAINT customer_properties_health_score_check CHECK (health_score BETWEEN 0 AND 100),
    CONSTRAINT customer_properties_utilization_percent_check CHECK (utilization_percent >= 0),
    CONSTRAINT customer_properties_market_price_percentile_check CHECK (market_price_percentile BETWEEN 0 AND 100),
    CONSTRAINT customer_properties_adoption_rate_percent_check CHECK (adoption_rate_percent BETWEEN 0 AND 100)
);
