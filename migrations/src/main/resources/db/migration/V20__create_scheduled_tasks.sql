-- db-scheduler's own table (com.github.kagkarlsson:db-scheduler 16.x), exactly as its project documents it
-- for PostgreSQL (postgresql_tables.sql): one row per scheduled task instance; a run is claimed by setting
-- picked/picked_by, kept alive by last_heartbeat, and revived elsewhere when the heartbeat stops.
-- The orchestrator's code never reads it with jOOQ (db-scheduler does its own JDBC), and jOOQ's DDL parser
-- refuses keys and indexes on TEXT columns, hence the ignore markers; PostgreSQL still runs it all.
-- [jooq ignore start]
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
-- [jooq ignore stop]
