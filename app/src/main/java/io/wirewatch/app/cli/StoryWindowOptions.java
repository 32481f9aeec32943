package io.wirewatch.app.cli;

import io.wirewatch.enrich.stories.StoryWindow;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.Properties;

/**
 * Enrich's story window ({@value StoryWindow#CONFIG}) as an option with the environment's default, for every
 * command that runs enrich's story stage; it wins over {@code --config}, as {@code aggregate --max-table-bytes}.
 */
public final class StoryWindowOptions {

    public static final String OPTION = "--stories-window-ms";

    @Option(names = OPTION, paramLabel = "MS", defaultValue = "${env:" + StoryWindow.ENV + "}",
            description = "Story window in milliseconds, from " + StoryWindow.MIN_MILLIS + " (an hour) to "
                    + StoryWindow.MAX_MILLIS + " (366 days): how far apart in event time an article and a story's "
                    + "last article may be for the article to join it, and how long copies are remembered (env "
                    + StoryWindow.ENV + "; overrides " + StoryWindow.CONFIG + " of --config). Default: "
                    + StoryWindow.DEFAULT_MILLIS + " (7 days).")
    String millis;

    /** Puts the window, when the option or its variable gives one, into {@code p} under {@value StoryWindow#CONFIG}; checked. */
    Properties applyTo(Properties p) {
        if (millis != null && !millis.isBlank()) {
            try {
                StoryWindow.millis(Map.of(StoryWindow.CONFIG, millis), StoryWindow.DEFAULT_MILLIS);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(OPTION + " / " + StoryWindow.ENV + ": " + e.getMessage());
            }
            p.put(StoryWindow.CONFIG, millis.trim());
        }
        return p;
    }
}
