package io.wirewatch.aggregate.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.wirewatch.aggregate.status.StatusFoldProcessor;
import io.wirewatch.aggregate.status.StoredTables;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.Json;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Status tables read from the aggregate service's table store ({@code org-tables}) through
 * interactive queries. With several instances ({@code self} is
 * this instance's {@code application.server}), a key another instance owns is fetched from that
 * instance's {@code /api/organizations/{id}?local=true}, and the list merges every instance's
 * {@code /api/organizations?local=true}.
 */
public final class LocalStoreStatusSource implements StatusSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient http;

    /** A single instance: only the local store is read. */
    public LocalStoreStatusSource(KafkaStreams streams) {
        this(streams, (HostInfo) null);
    }

    /** {@code applicationServer} is the {@code application.server} setting ("host:port"), or null/blank. */
    public LocalStoreStatusSource(KafkaStreams streams, String applicationServer) {
        this(streams, applicationServer == null || applicationServer.isBlank() ? null : HostInfo.buildFromEndpoint(applicationServer));
    }

    public LocalStoreStatusSource(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
        this.http = self == null ? null : HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public Optional<OrgStatus> organization(String id) {
        if (self == null) {
            return localOrganization(id);
        }
        KeyQueryMetadata md = streams.queryMetadataForKey(StatusFoldProcessor.TABLES_STORE, id, Serdes.String().serializer());
        if (md == null || KeyQueryMetadata.NOT_AVAILABLE.equals(md) || md.activeHost() == null) {
            throw new Unavailable("no instance hosts organization " + id + " yet", null);
        }
        if (self.equals(md.activeHost())) {
            return localOrganization(id);
        }
        String body = get(md.activeHost(), "/api/organizations/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "?local=true", true);
        return body == null ? Optional.empty() : Optional.of(Json.read(body, OrgStatus.class));
    }

    @Override
    public List<OrgStatus> organizations() {
        TreeMap<String, OrgStatus> byId = new TreeMap<>();
        localOrganizations().forEach(o -> byId.put(o.id(), o));
        if (self != null) {
            for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
                if (self.equals(m.hostInfo()) || !m.stateStoreNames().contains(StatusFoldProcessor.TABLES_STORE)) {
                    continue;
                }
                String body = get(m.hostInfo(), "/api/organizations?local=true", false);
                try {
                    List<OrgStatus> remote = Json.MAPPER.readValue(body, new TypeReference<>() {});
                    remote.forEach(o -> byId.putIfAbsent(o.id(), o));
                } catch (IOException e) {
                    throw new Unavailable("unreadable answer from " + m.hostInfo(), e);
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    @Override
    public Optional<OrgStatus> localOrganization(String id) {
        return Optional.ofNullable(StoredTables.decode(store().get(id)));
    }

    @Override
    public List<OrgStatus> localOrganizations() {
        List<OrgStatus> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store().all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                OrgStatus s = StoredTables.decode(kv.value);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    @Override
    public String state() {
        return streams.state().name();
    }

    @Override
    public boolean healthy() {
        KafkaStreams.State s = streams.state();
        return s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING || s == KafkaStreams.State.CREATED;
    }

    /**
     * The tables' JSON (or Smile, written before: {@link StoredTables}). Throws InvalidStateStoreException while
     * the store is migrating (the server answers 503).
     */
    private ReadOnlyKeyValueStore<String, byte[]> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(StatusFoldProcessor.TABLES_STORE,
                QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    /** The body of a GET to another instance; null on 404 when {@code notFoundIsEmpty}. */
    private String get(HostInfo host, String pathAndQuery, boolean notFoundIsEmpty) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() == 404 && notFoundIsEmpty) {
                return null;
            }
            if (r.statusCode() != 200) {
                throw new Unavailable(uri + " answered " + r.statusCode(), null);
            }
            return r.body();
        } catch (IOException e) {
            throw new Unavailable(uri + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
    }
}
