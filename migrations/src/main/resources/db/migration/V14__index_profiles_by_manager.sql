-- "Who reports to this manager" (the team's customers and queues, the manager's own view).
CREATE INDEX profiles_by_manager ON profiles (organization_id, manager_id);
