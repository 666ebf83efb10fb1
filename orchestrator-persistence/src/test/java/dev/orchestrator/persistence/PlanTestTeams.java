package dev.orchestrator.persistence;

/** The organization shape the plan tests of team-wide reads start from. */
final class PlanTestTeams {

    /**
     * Two organizations, each with five managers of five CSMs, each CSM with 100 customers (2,500
     * customers per organization); the tests add executions over them, most over {@link #DEFINITIONS}.
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

    /** One definition of each workflow type per organization, weighted by the type's standard tier. */
    static final String DEFINITIONS = """
            INSERT INTO workflow_definitions (organization_id, name, workflow_type, priority_weight, is_demo)
                SELECT org.id, t, t, w, false
                FROM organizations org,
                     (VALUES ('risk', 900), ('opportunity', 800), ('strategic', 700), ('renewal', 600), ('custom', 500)) d(t, w);
            """;

    private PlanTestTeams() {
    }
}
