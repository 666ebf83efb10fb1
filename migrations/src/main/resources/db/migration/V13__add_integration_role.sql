-- 'integration': a token for a system (a CRM sync, an analytics webhook), not a person. It
-- writes customers and signals and reads customers; it has no queue.
ALTER TABLE profiles DROP CONSTRAINT profiles_role_check;
ALTER TABLE profiles ADD CONSTRAINT profiles_role_check CHECK (role IN ('csm', 'manager', 'admin', 'integration'));
