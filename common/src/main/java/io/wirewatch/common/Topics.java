package io.wirewatch.common;

import java.util.List;

/** Topic names and cleanup policies, exactly as in the contract (CONTRACT.md "Topics"). */
public final class Topics {
    public static final String FRONTIER = "news.frontier.v1";
    public static final String SEEN = "news.seen.v1";
    public static final String RAW = "news.raw.v1";
    public static final String ENRICHED = "news.enriched.v1";
    public static final String STORIES = "news.stories.v1";
    public static final String STATUS = "org.status.v1";
    public static final String DLQ = "news.dlq.v1";

    /** A topic the services expect to exist, with its cleanup policy. */
    public record Spec(String name, boolean compacted) {}

    public static final List<Spec> ALL = List.of(
            new Spec(FRONTIER, false),
            new Spec(SEEN, true),
            new Spec(RAW, false),
            new Spec(ENRICHED, false),
            new Spec(STORIES, true),
            new Spec(STATUS, true),
            new Spec(DLQ, false));

    private Topics() {}
}
