package dev.orchestrator.persistence.load;

import dev.orchestrator.persistence.Migrator;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Whether a database's schema is up to date, without changing it. */
public final class SchemaCheck {

    private SchemaCheck() {}

    /** Versions of the migrations not yet applied to the database (all of them on an empty one). */
    public static List<String> pendingMigrations(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(Migrator.LOCATION)
                .failOnMissingLocations(true)
                .load();
        return Arrays.stream(flyway.info().pending())
                .map(m -> m.getVersion() == null ? m.getDescription() : m.getVersion().getVersion())
                .toList();
    }
}
