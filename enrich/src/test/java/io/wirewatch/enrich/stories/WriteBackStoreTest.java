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
    void aNegativeCapacityNamesTheStore() {
        assertThatThrownBy(() -> new WriteBackStore<>(inner, -1)).hasMessageContaining("df");
    }
}
