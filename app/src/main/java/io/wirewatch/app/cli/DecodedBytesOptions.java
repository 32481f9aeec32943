package io.wirewatch.app.cli;

import io.wirewatch.aggregate.status.StatusFoldProcessor;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.Properties;

/**
 * Aggregate's decoded-value budget ({@value StatusFoldProcessor#DECODED_BYTES_CONFIG}) as an option with the
 * environment's default, for every command that runs aggregate; it wins over {@code --config}, as
 * {@code aggregate --max-table-bytes}.
 */
public final class DecodedBytesOptions {

    public static final String OPTION = "--decoded-bytes";

    @Option(names = OPTION, paramLabel = "BYTES", defaultValue = "${env:" + StatusFoldProcessor.DECODED_BYTES_ENV + "}",
            description = "Heap each aggregate task keeps the fold's decoded values in (tables, rows, tallies, names, "
                    + "story dates), in bytes, from " + StatusFoldProcessor.MIN_DECODED_BYTES + " to "
                    + StatusFoldProcessor.MAX_DECODED_BYTES + " (env " + StatusFoldProcessor.DECODED_BYTES_ENV
                    + "; overrides " + StatusFoldProcessor.DECODED_BYTES_CONFIG + " of --config). Default: "
                    + StatusFoldProcessor.DEFAULT_DECODED_BYTES + ".")
    String bytes;

    /** Puts the budget, when the option or its variable gives one, into {@code p} under its property; checked. */
    Properties applyTo(Properties p) {
        if (bytes != null && !bytes.isBlank()) {
            try {
                StatusFoldProcessor.decodedBytes(Map.of(StatusFoldProcessor.DECODED_BYTES_CONFIG, bytes));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(OPTION + " / " + StatusFoldProcessor.DECODED_BYTES_ENV + ": "
                        + e.getMessage());
            }
            p.put(StatusFoldProcessor.DECODED_BYTES_CONFIG, bytes.trim());
        }
        return p;
    }
}
