package dev.orchestrator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on the database (the --db-url / --data-dir options). */
abstract class DatabaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions databaseOptions;

    Env env() {
        return ((RootCommand) spec.root().userObject()).env();
    }

    Database openDatabase(int maxPoolSize) {
        // Flyway holds more than one connection at a time: never fewer than 3.
        return Database.open(databaseOptions.resolve(env()), Math.max(3, maxPoolSize));
    }

    /** Opens the database and makes sure its schema is current (see {@link Database#requireSchema}). */
    Database openMigratedDatabase(int maxPoolSize) {
        Database database = openDatabase(maxPoolSize);
        try {
            database.requireSchema(env());
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }
}
