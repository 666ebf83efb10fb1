-- People at the customer; relationship strength feeds the risk score.
CREATE TABLE contacts (
    id                    UUID         NOT NULL DEFAULT gen_random_uuid(),
    organization_id       UUID         NOT NULL,
    customer_id           UUID         NOT NULL,
    name                  VARCHAR(200) NOT NULL,
    email                 VARCHAR(320),
    title                 VARCHAR(200),
    relationship_strength VARCHAR(16),
    is_decision_maker     BOOLEAN      NOT NULL DEFAULT false,
    CONSTRAINT contacts_pkey PRIMARY KEY (id),
    CONSTRAINT contacts_relationship_strength_check
        CHECK (relationship_strength IN ('weak', 'moderate', 'strong')),
    CONSTRAINT contacts_customer_fkey FOREIGN KEY (organization_id, customer_id)
        REFERENCES customers (organization_id, id) ON DELETE CASCADE
);

-- Contacts of one customer (risk score: "any weak relationship?").
CREATE INDEX contacts_by_customer ON contacts (organization_id, customer_id);
