package io.wirewatch.app;

import io.wirewatch.app.cli.AggregateCommand;
import io.wirewatch.app.cli.BenchCommand;
import io.wirewatch.app.cli.DemoCommand;
import io.wirewatch.app.cli.EnrichCommand;
import io.wirewatch.app.cli.ExtractCommand;
import io.wirewatch.app.cli.IngestCommand;
import io.wirewatch.app.cli.ReplayCommand;
import io.wirewatch.app.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The wirewatch command-line tool: one jar, one subcommand per job (see CONTRACT.md "Commands"). */
@Command(name = "wirewatch", mixinStandardHelpOptions = true, version = "wirewatch 0.1.0",
        description = "News about designations and bans, turned into live per-organization status tables on Kafka.",
        subcommands = {DemoCommand.class, RunCommand.class, ExtractCommand.class,
                IngestCommand.class, EnrichCommand.class, AggregateCommand.class, ReplayCommand.class, BenchCommand.class})
public final class Wirewatch implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Wirewatch())
                // configuration mistakes say what to fix, without a stack trace
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof IllegalArgumentException) {
                        cmd.getErr().println("error: " + e.getMessage());
                        return 2;
                    }
                    // a Kafka client or Streams setting of the wrong type or value, e.g. from --config
                    Throwable config = e;
                    while (config != null && !(config instanceof org.apache.kafka.common.config.ConfigException)) {
                        config = config.getCause();
                    }
                    if (config != null) {
                        cmd.getErr().println("error: invalid Kafka setting: " + config.getMessage()
                                + " (fix it in the file given to --config, or remove it)");
                        return 2;
                    }
                    cmd.getErr().println("error: " + e);
                    e.printStackTrace(cmd.getErr());
                    return 1;
                });
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
