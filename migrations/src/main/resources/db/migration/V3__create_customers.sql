-- Accounts looked after by a CSM.
CREATE TABLE customers (
    id              UUID           NOT NULL DEFAULT gen_random_uuid(),
    organization_id UUID           NOT NULL,
    name            VARCHAR(200)   NOT NULL,
    csm_id          UUID           NOT NULL,
    arr             NUMERIC(14, 2),
    renewal_date    DATE,
    created_at      TIMESTAMPTZ    NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ    NOT NULL DEFAULT now(),
    CONSTRAINT customers_pkey PRIMARY KEY (id),
    CONSTRAINT customers_organization_id_id_key UNIQUE (organization_id, id),
    CONSTRAINT customers_arr_check CHECK (arr >= 0),
    CONSTRAINT customers_organization_fkey FOREIGN KEY (organization_id)
        REFERENCES organizations (id),
    CONSTRAINT customers_csm_fkey FOREIGN KEY (organization_id, csm_id)
        REFERENCES profiles (organization_id, id)
);

-- "My customers" for one CSM.
CREATE INDEX customers_by_csm ON customers (organization_id, csm_id);
