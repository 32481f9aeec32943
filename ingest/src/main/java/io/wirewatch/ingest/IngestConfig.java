package io.wirewatch.ingest;

import io.wirewatch.ingest.fetch.FetchConfig;

import java.util.List;

/** What the ingest service reads from and where it writes; {@code groupId} defaults to "wirewatch-ingest". */
public record IngestConfig(String bootstrap, List<String> sources, FetchConfig fetch, String groupId) {

    public static final String DEFAULT_GROUP_ID = "wirewatch-ingest";

    public IngestConfig {
        sources = sources == null ? List.of() : List.copyOf(sources);
        fetch = fetch == null ? FetchConfig.defaults() : fetch;
        groupId = groupId == null || groupId.isBlank() ? DEFAULT_GROUP_ID : groupId;
    }

    public IngestConfig(String bootstrap, List<String> sources, FetchConfig fetch) {
        this(bootstrap, sources, fetch, DEFAULT_GROUP_ID);
    }
}
