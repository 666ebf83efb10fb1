package dev.orchestrator.persistence;

/** The organization shape the plan tests of team-wide reads start from. */
final class PlanTestTeams {

    /**
     * Two organizations, each with five managers of five CSMs, each CSM with 100 customers (2,500
     * customers per organization); the tests add definitions and executions over them.
     */
    static final String TEAMS = """
            INSERT INTO organizations (name) SELECT 'org ' || o FROM generate_series(1, 2) o;
            INSERT INTO profiles (organization_id, email, full_name, role)
                SELECT org.id, 'manager' || m || '@example.org', 'Manager ' || m, 'manager'
                FROM organizations org, generate_series(1, 5) m;
            INSERT INTO profiles (organization_id, email, full_name, role, manager_id)
                SELECT m.organization_id, 'csm' || m.email || c, 'CSM ' || c, 'csm', m.id
                FROM profiles m, generate_series(1, 5) c WHERE m.role = 'manager';
            INSERT INTO customers (organization_id, name, csm_id)
                SELECT p.organization_id, 'customer ' || n, p.id FROM profiles p, generate_series(1, 100) n
                WHERE p.role = 'csm';
            """;

    private PlanTestTeams() {
    }
}
