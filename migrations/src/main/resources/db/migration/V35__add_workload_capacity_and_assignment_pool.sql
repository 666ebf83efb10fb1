-- Issue 14 part 2: workload-aware assignment (docs/workload.md).

-- A CSM's capacity: how many open executions (or load points, with priority-weighted counting) they
-- carry at most. NULL is unlimited, the default. Bounds are the core's Capacity.MIN / MAX.
ALTER TABLE profiles ADD COLUMN capacity INTEGER;
ALTER TABLE profiles ADD CONSTRAINT profiles_capacity_check CHECK (capacity BETWEEN 1 AND 100000);

-- A customer may have no CSM yet: it gets one from the organization's assignment pool when its first
-- execution is created (AssignmentRule).
ALTER TABLE customers ALTER COLUMN csm_id DROP NOT NULL;

-- The assignment pool (profile ids; empty: none configured), how a CSM is picked from it, and the
-- round-robin turn (how many customers the pool has handed out so far). How rebalancing counts load.
ALTER TABLE organizations ADD COLUMN assignment_pool UUID[] NOT NULL DEFAULT '{}';
ALTER TABLE organizations ADD COLUMN assignment_strategy VARCHAR(16) NOT NULL DEFAULT 'least_open';
ALTER TABLE organizations ADD COLUMN assignment_turn BIGINT NOT NULL DEFAULT 0;
ALTER TABLE organizations ADD COLUMN rebalance_load VARCHAR(24) NOT NULL DEFAULT 'open';
-- AssignmentStrategy's and LoadCounting's wire names (ClosedSetChecksTest ties them together).
ALTER TABLE organizations ADD CONSTRAINT organizations_assignment_strategy_check
    CHECK (assignment_strategy IN ('least_open', 'round_robin'));
ALTER TABLE organizations ADD CONSTRAINT organizations_rebalance_load_check
    CHECK (rebalance_load IN ('open', 'priority_weighted'));
ALTER TABLE organizations ADD CONSTRAINT organizations_assignment_turn_check CHECK (assignment_turn >= 0);

-- The rebalance proposal's one read (SqlRebalanceReads) needs no index of its own: it reads a team's open
-- work through V29's workflow_executions_team_open (RebalancePlanTest); an index covering the columns a
-- move needs was not chosen by the planner over it, so it would only cost every write.
