-- A tenant. Every tenant-owned table carries organization_id so that each query,
-- index and foreign key can be scoped to one organization (and, later, the data
-- can be sharded by organization_id on a distributed PostgreSQL such as Citus).
CREATE TABLE organizations (
    id         UUID         NOT NULL DEFAULT gen_random_uuid(),
    name       VARCHAR(200) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT organizations_pkey PRIMARY KEY (id)
);
