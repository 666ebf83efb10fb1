package dev.orchestrator.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The login role tests connect as to see the database as the service does (row-level security
 * applies): {@value #NAME}, a member of {@code orchestrator_service} (which migration V26 creates and
 * grants), not a superuser, without BYPASSRLS, owning nothing. Roles are cluster-wide and other test
 * runs share the server, so it is created once, only if missing, and a concurrent creation elsewhere
 * counts as success. It has a password so that servers with password authentication accept it too.
 */
public final class ServiceRole {

    public static final String NAME = "orchestrator_test_service";
    public static final String PASSWORD = "orchestrator_test_service";

    private static boolean ensured;

    private ServiceRole() {
    }

    /** As {@link #NAME} on {@code database} (of this run's server). */
    static DataSource dataSource(String database) {
        TestDatabases databases = TestDatabases.get();
        ensure(databases);
        return databases.clients().dataSource(database, NAME, PASSWORD);
    }

    private static synchronized void ensure(TestDatabases databases) {
        if (ensured) {
            return;
        }
        // The group role is the migration's: migrate the template first (it creates the role if needed).
        databases.migratedTemplate();
        try (Connection c = databases.server().adminConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    DO $$
                    BEGIN
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                            CREATE ROLE %1$s LOGIN PASSWORD '%2$s' NOSUPERUSER NOBYPASSRLS IN ROLE orchestrator_service;
                        END IF;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN
                        NULL; -- another test run created it at the same moment
                    END
                    $$""".formatted(NAME, PASSWORD));
            try (PreparedStatement check = c.prepareStatement("SELECT rolsuper, rolbypassrls, rolcanlogin,"
                    + " pg_has_role(rolname, 'orchestrator_service', 'USAGE') FROM pg_roles WHERE rolname = ?")) {
                check.setString(1, NAME);
                try (ResultSet r = check.executeQuery()) {
                    if (!r.next() || r.getBoolean(1) || r.getBoolean(2) || !r.getBoolean(3) || !r.getBoolean(4)) {
                        throw new IllegalStateException("the role " + NAME + " exists but is not a login member of "
                                + "orchestrator_service without SUPERUSER and BYPASSRLS: drop it and run again");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test service role " + NAME + ": " + e.getMessage(), e);
        }
        ensured = true;
    }
}
