package dev.orchestrator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Create sample data: the demo data set, or synthetic data at scale.",
        subcommands = {SeedDemoCommand.class, SeedSyntheticCommand.class})
final class SeedCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing the kind of seed: 'seed demo' or 'seed synthetic'");
    }
}
