package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.persistence.Migrator.AppliedMigration;
import dev.orchestrator.testsupport.EmptyDatabase;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithPostgres
class MigratorTest {

    @Test
    void migratesAnEmptyDatabaseThenASecondRunAppliesNothing(@EmptyDatabase TestDatabase empty) {
        Migrator migrator = new Migrator(empty.dataSource());

        List<AppliedMigration> first = migrator.migrate();
        List<AppliedMigration> second = migrator.migrate();

        assertThat(first).hasSizeGreaterThanOrEqualTo(10)
                .isSortedAccordingTo(Comparator.comparing((AppliedMigration m) -> Integer.parseInt(m.version())))
                .startsWith(new AppliedMigration("1", "create organizations"))
                .contains(new AppliedMigration("10", "make workflow execution events append only"));
        assertThat(second).isEmpty();
    }
}
