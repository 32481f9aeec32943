package io.wirewatch.app.cli;

import picocli.CommandLine;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test-only environment: options whose default is {@code ${env:NAME}} take NAME's value from a map instead of
 * the process environment, which the tests do not change.
 */
final class TestEnvironment {

    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}");

    private TestEnvironment() {}

    /** {@code command} parsed from {@code args}, with {@code env} as its environment. */
    static <T> T parse(T command, Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(command);
        // the declared defaults, read before the provider is set (picocli asks the provider for them after)
        Map<CommandLine.Model.ArgSpec, String> declared = new IdentityHashMap<>();
        cli.getCommandSpec().options().forEach(o -> declared.put(o, o.defaultValueString(false)));
        cli.setDefaultValueProvider(arg -> {
            String d = declared.get(arg);
            Matcher m = ENV_DEFAULT.matcher(d == null ? "" : d);
            return m.matches() ? env.get(m.group(1)) : null; // null: the declared default
        });
        cli.parseArgs(args);
        return command;
    }

    /** The default an option declares, before interpolation (e.g. {@code ${env:NAME}}). */
    static String declaredDefault(Object command, String option) {
        return new CommandLine(command).getCommandSpec().findOption(option).defaultValueString(false);
    }
}
