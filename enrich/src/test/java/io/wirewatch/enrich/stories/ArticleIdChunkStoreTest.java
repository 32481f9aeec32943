package io.wirewatch.enrich.stories;

import io.wirewatch.common.serde.SmileSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The story store's article id chunks over a real (in-memory) Streams store of bytes. */
class ArticleIdChunkStoreTest {

    private KeyValueStore<String, byte[]> inner;

    @BeforeEach
    void open() {
        inner = InMemoryStores.open("story-state", Serdes.ByteArray());
    }

    /** A fresh layer: what a restarted task has (nothing remembered). */
    private ArticleIdChunkStore layer() {
        return new ArticleIdChunkStore(inner, 100);
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "a-" + i).toList();
    }

    private static StoryState story(String id, List<String> ids) {
        return new StoryState(id, "Headline", "2026-01-02T03:04:05Z", "2026-01-03T00:00:00Z", "2026-01-02", 1_767_322_000_000L,
                ids, List.of("outlet.example"), Map.of("ORG/red-cross", 3), Map.of("quake", 0.5, "coast", 0.25), ids.size());
    }

    private static List<String> keys(KeyValueStore<String, byte[]> s) {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = s.all()) {
            it.forEachRemaining(kv -> out.add(kv.key));
        }
        return out;
    }

    @Test
    void aStoryOfAtMostOneChunkOfIdsIsOneRecordAsBefore() {
        StoryState s = story("s-1", ids(0, ArticleIdChunkStore.CHUNK));
        layer().put("s-1", s);
        assertThat(keys(inner)).containsExactly("s-1");
        assertThat(inner.get("s-1")).isEqualTo(StoryStateSerde.encode(s));
        assertThat(layer().get("s-1")).isEqualTo(s);
    }

    @Test
    void aBigStoryKeepsItsIdsInChunksAndReadsBackWhole() {
        StoryState s = story("s-1", ids(0, 250));
        ArticleIdChunkStore store = layer();
        store.put("s-1", s);
        assertThat(keys(inner)).containsExactly("s-1", "s-1\u00000", "s-1\u00001", "s-1\u00002");
        assertThat(StoryStateSerde.isHead(inner.get("s-1"))).isTrue();
        assertThat(store.get("s-1")).isEqualTo(s);
        assertThat(layer().get("s-1")).isEqualTo(s);
        assertThat(layer().get("s-2")).isNull();
    }

    @Test
    void aStoryPastTheWindowIsReadByItsHeaderWithoutItsChunksOrADecode() {
        StoryState s = story("s-1", ids(0, 250));
        layer().put("s-1", s);
        inner.delete("s-1\u00001"); // a chunk the story would need if it were decoded
        long last = s.lastEventTime();
        ArticleIdChunkStore store = layer();
        assertThat(store.getIfLive("s-1", t -> t > last)).isNull();
        assertThat(store.getIfLive("s-2", t -> true)).isNull();
        assertThatThrownBy(() -> store.getIfLive("s-1", t -> t == last)).isInstanceOf(SerializationException.class);
        StoryState small = story("s-3", ids(0, 3));
        store.put("s-3", small);
        assertThat(store.getIfLive("s-3", t -> t == last)).isEqualTo(small);
        assertThat(store.getIfLive("s-3", t -> false)).isNull();
    }

    @Test
    void aStoryStoredInSmileIsDecodedWholeToTellWhetherItIsLive() {
        StoryState s = story("s-1", ids(0, 3));
        inner.put("s-1", SmileSerde.of(StoryState.class).serializer().serialize(null, s));
        assertThat(layer().getIfLive("s-1", t -> t == s.lastEventTime())).isEqualTo(s);
        assertThat(layer().getIfLive("s-1", t -> false)).isNull();
    }

    @Test
    void aRewriteWritesOnlyTheChunksWhoseIdsChanged() {
        ArticleIdChunkStore store = layer();
        store.put("s-1", story("s-1", ids(0, 250)));
        // overwrite the first two chunks behind the layer's back: a rewrite that leaves them alone keeps these
        byte[] marker = StoryStateSerde.encodeIds(ids(1000, 1100));
        inner.put("s-1\u00000", marker);
        inner.put("s-1\u00001", marker);
        StoryState grown = story("s-1", ids(0, 251));
        store.put("s-1", grown);
        assertThat(inner.get("s-1\u00000")).isEqualTo(marker);
        assertThat(inner.get("s-1\u00001")).isEqualTo(marker);
        assertThat(StoryStateSerde.decodeIds(inner.get("s-1\u00002"))).isEqualTo(ids(200, 251));
        // a full list that no longer changes: only the story's own record is written
        byte[] last = StoryStateSerde.encodeIds(ids(2000, 2051));
        inner.put("s-1\u00002", last);
        store.put("s-1", new StoryState("s-1", "Headline", null, null, null, 5, grown.articleIds(), List.of(), Map.of(),
                Map.of("x", 1.0), 300));
        assertThat(inner.get("s-1\u00002")).isEqualTo(last);
    }

    @Test
    void withNothingRememberedEveryChunkIsWrittenAndChunksPastTheEndDeleted() {
        layer().put("s-1", story("s-1", ids(0, 350)));
        StoryState shorter = story("s-1", ids(500, 650)); // a story made anew under the same id
        ArticleIdChunkStore fresh = layer();
        fresh.put("s-1", shorter);
        assertThat(keys(inner)).containsExactly("s-1", "s-1\u00000", "s-1\u00001");
        assertThat(layer().get("s-1")).isEqualTo(shorter);
        StoryState small = story("s-1", ids(0, 3));
        layer().put("s-1", small);
        assertThat(keys(inner)).containsExactly("s-1");
        assertThat(layer().get("s-1")).isEqualTo(small);
    }

    @Test
    void aStoryStoredWithItsIdsBeforeReadsAndIsRewrittenInChunks() {
        StoryState old = story("s-1", ids(0, 2000));
        inner.put("s-1", StoryStateSerde.encode(old));
        inner.put("s-2", SmileSerde.of(StoryState.class).serializer().serialize("t", story("s-2", ids(0, 150))));
        ArticleIdChunkStore store = layer();
        assertThat(store.get("s-1")).isEqualTo(old);
        assertThat(store.get("s-2")).isEqualTo(story("s-2", ids(0, 150)));
        StoryState again = story("s-1", ids(0, 2000));
        store.put("s-1", again);
        assertThat(keys(inner)).hasSize(2 + 20);
        assertThat(layer().get("s-1")).isEqualTo(again);
    }

    @Test
    void aDeleteRemovesTheChunks() {
        ArticleIdChunkStore store = layer();
        store.put("s-1", story("s-1", ids(0, 250)));
        store.put("s-2", story("s-2", ids(0, 2)));
        assertThat(layer().delete("s-1")).isEqualTo(story("s-1", ids(0, 250)));
        assertThat(keys(inner)).containsExactly("s-2");
        assertThat(store.get("s-1")).isNull();
    }

    @Test
    void putAllIsOneBatchAndScansSeeWholeStoriesOnly() {
        ArticleIdChunkStore store = layer();
        store.putAll(List.of(KeyValue.pair("s-1", story("s-1", ids(0, 250))), KeyValue.pair("s-2", story("s-2", ids(0, 2)))));
        List<KeyValue<String, StoryState>> all = new ArrayList<>();
        try (KeyValueIterator<String, StoryState> it = layer().all()) {
            it.forEachRemaining(all::add);
        }
        assertThat(all).containsExactly(KeyValue.pair("s-1", story("s-1", ids(0, 250))), KeyValue.pair("s-2", story("s-2", ids(0, 2))));
    }

    @Test
    void aMissingChunkOrARecordReadWithoutTheLayerFailsLoudly() {
        layer().put("s-1", story("s-1", ids(0, 250)));
        assertThatThrownBy(() -> new StoryStateSerde().deserializer().deserialize("t", inner.get("s-1")))
                .isInstanceOf(SerializationException.class);
        inner.delete("s-1\u00001");
        assertThatThrownBy(() -> layer().get("s-1")).isInstanceOf(SerializationException.class)
                .hasMessageContaining("chunk 1 is missing");
    }
}
