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

    Database openDatabase() {
        return Database.open(databaseOptions.resolve(env()), env().err());
    }

    /** Opens the database and makes sure its schema is current (see {@link Database#requireSchema}). */
    Database openMigratedDatabase() {
        Database database = openDatabase();
        try {
            database.requireSchema(env());
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }
}
