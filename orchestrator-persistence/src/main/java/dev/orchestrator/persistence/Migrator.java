package dev.orchestrator.persistence;

import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database up to the schema in the {@code migrations} module by running Flyway over
 * {@code classpath:db/migration}. Used by the CLI's {@code migrate} command.
 */
public final class Migrator {

    /** Where the migrations module puts its SQL on the classpath. */
    public static final String LOCATION = "classpath:db/migration";

    /** One migration that this run applied. */
    public record AppliedMigration(String version, String description) {}

    private final DataSource dataSource;

    public Migrator(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Applies every pending migration, in version order, and returns those it applied
     * (empty when the database was already up to date).
     */
    public List<AppliedMigration> migrate() {
        MigrateResult result = flyway().migrate();
        return result.migrations.stream()
                .map(m -> new AppliedMigration(m.version, m.description))
                .toList();
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                // A missing migrations jar must be an error, not "0 migrations applied".
                .failOnMissingLocations(true)
                .load();
    }
}
