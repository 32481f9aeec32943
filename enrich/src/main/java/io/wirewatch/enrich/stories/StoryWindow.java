package io.wirewatch.enrich.stories;

import java.util.Map;

/**
 * The story window as a deployment sets it: how far apart in event time an article and a story's last
 * article may be for the article to join it, and how long copies are remembered ({@link NearCopyWindow}
 * cuts time in generations of one window).
 */
public final class StoryWindow {

    /** The Streams property, in milliseconds. */
    public static final String CONFIG = "wirewatch.stories.window.ms";
    /** The environment variable the commands' {@code --stories-window-ms} defaults to (read by the CLI, not here). */
    public static final String ENV = "WIREWATCH_STORIES_WINDOW_MS";
    public static final long DEFAULT_MILLIS = 7L * 24 * 3600 * 1000;
    /** An hour: shorter and the copies of one wire story, sent over an afternoon, are no longer found. */
    public static final long MIN_MILLIS = 3600L * 1000;
    /** A year: the stores hold one to two windows of copies, and a story's cost grows with its articles. */
    public static final long MAX_MILLIS = 366L * 24 * 3600 * 1000;

    private StoryWindow() {}

    /**
     * {@value #CONFIG} of {@code configs}, else {@code fallback} (the topology's own window:
     * {@link #DEFAULT_MILLIS} in the service). A bad value is refused with the setting's name, the range
     * and the default.
     */
    public static long millis(Map<?, ?> configs, long fallback) {
        Object v = configs == null ? null : configs.get(CONFIG);
        if (v == null || v.toString().isBlank()) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < MIN_MILLIS || n > MAX_MILLIS) {
            throw new IllegalArgumentException(CONFIG + " must be a number of milliseconds from " + MIN_MILLIS
                    + " (an hour) to " + MAX_MILLIS + " (366 days); default " + DEFAULT_MILLIS + " (7 days), not '"
                    + v + "'");
        }
        return n;
    }
}
