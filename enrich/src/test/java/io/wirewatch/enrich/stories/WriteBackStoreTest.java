package io.wirewatch.enrich.stories;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The write-back layer over a real (in-memory) Streams store: what reaches the store, and when. */
class WriteBackStoreTest {

    private KeyValueStore<String, Long> inner;

    @BeforeEach
    void open() {
        inner = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("df"), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
    }

    private WriteBackStore<Long> over(int capacity) {
        WriteBackStore<Long> s = new WriteBackStore<>(inner, capacity);
        s.init(new MockProcessorContext<>().getStateStoreContext(), s);
        return s;
    }

    @Test
    void putsReachTheStoreAtTheFlushBeforeACommitOncePerKey() {
        WriteBackStore<Long> s = over(100);
        for (long i = 1; i <= 5; i++) {
            s.put("a", i);
        }
        s.put("b", 7L);
        assertThat(s.get("a")).isEqualTo(5L);
        assertThat(inner.get("a")).isNull();
        s.flushCache();
        assertThat(inner.get("a")).isEqualTo(5L);
        assertThat(inner.get("b")).isEqualTo(7L);
        // a second flush without puts writes nothing: overwrite the store behind its back to see it
        inner.put("a", 99L);
        s.flushCache();
        assertThat(inner.get("a")).isEqualTo(99L);
    }

    @Test
    void evictedDirtyValuesAreWrittenAndReadBackFromTheStore() {
        WriteBackStore<Long> s = over(2);
        s.put("a", 1L);
        s.put("b", 2L);
        s.put("c", 3L); // evicts a, the least recently used
        assertThat(inner.get("a")).isEqualTo(1L);
        assertThat(inner.get("c")).isNull();
        assertThat(s.get("a")).isEqualTo(1L);
        s.flushCache();
        assertThat(List.of(inner.get("a"), inner.get("b"), inner.get("c"))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void withNoCapacityEveryPutGoesStraightToTheStore() {
        WriteBackStore<Long> s = over(0);
        s.put("a", 1L);
        assertThat(inner.get("a")).isEqualTo(1L);
        s.put("a", 2L);
        assertThat(inner.get("a")).isEqualTo(2L);
        assertThat(s.get("a")).isEqualTo(2L);
    }

    @Test
    void closingOrClearingDropsUnwrittenValuesSoTheStoreStaysTheTruth() {
        WriteBackStore<Long> s = over(100);
        s.put("kept", 1L);
        s.flushCache();
        s.put("kept", 2L);
        s.put("lost", 3L);
        s.clearCache(); // what Streams does when it recycles the task's state (or closes it after an abort)
        assertThat(s.get("kept")).isEqualTo(1L);
        assertThat(s.get("lost")).isNull();
        s.flushCache();
        assertThat(inner.get("lost")).isNull();
    }

    @Test
    void deletesWinOverUnwrittenPutsAndScansSeeHeldWrites() {
        WriteBackStore<Long> s = over(100);
        s.put("a", 1L);
        s.flushCache();
        s.put("a", 2L);
        assertThat(s.delete("a")).isEqualTo(2L);
        s.flushCache();
        assertThat(inner.get("a")).isNull();
        assertThat(s.get("a")).isNull();
        s.put("x", 5L);
        s.put("y", 6L);
        List<String> keys = new ArrayList<>();
        try (var it = s.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key + "=" + kv.value));
        }
        assertThat(keys).containsExactly("x=5", "y=6");
    }

    @Test
    void aReadThroughItsOwnLoaderHoldsWhatItFoundAndNotANull() {
        WriteBackStore<Long> s = over(100);
        inner.put("a", 1L);
        List<String> loaded = new ArrayList<>();
        assertThat(s.get("a", k -> {
            loaded.add(k);
            return 2L; // the loader decides: here not what the store holds
        })).isEqualTo(2L);
        assertThat(s.get("a", k -> {
            loaded.add(k);
            return 3L;
        })).isEqualTo(2L); // held: the loader is not asked again
        assertThat(s.get("b", k -> {
            loaded.add(k);
            return null;
        })).isNull();
        inner.put("b", 4L);
        assertThat(s.get("b")).isEqualTo(4L); // a null was not held
        assertThat(loaded).containsExactly("a", "b");
        assertThat(s.hits()).isEqualTo(1);
        assertThat(s.misses()).isEqualTo(3);
    }

    @Test
    void theLayerIsFoundBelowADecoratorAndNotInAPlainStore() {
        WriteBackStore<Long> s = over(10);
        var decorated = new org.apache.kafka.streams.state.internals.WrappedStateStore<WriteBackStore<Long>, String, Long>(s) {};
        assertThat(WriteBackStore.<Long>of(decorated)).isSameAs(s);
        assertThat(WriteBackStore.<Long>of(s)).isSameAs(s);
        assertThat(WriteBackStore.<Long>of(inner)).isNull();
    }

    @Test
    void aNegativeCapacityNamesTheStore() {
        assertThatThrownBy(() -> new WriteBackStore<>(inner, -1)).hasMessageContaining("df");
    }
}
