package io.wirewatch.enrich.stories;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-commit log of document frequencies over a real (in-memory) Streams store. */
class DocumentFrequencyStoreTest {

    private KeyValueStore<String, byte[]> inner;

    @BeforeEach
    void open() {
        inner = InMemoryStores.open("df", Serdes.ByteArray());
    }

    /** A fresh layer over what the store holds: what a restart or a restore from the changelog sees. */
    private DocumentFrequencyStore reopen(int cache, int foldTerms, int foldRecords) {
        DocumentFrequencyStore s = new DocumentFrequencyStore(inner, cache, foldTerms, foldRecords);
        s.init(new MockProcessorContext<>().getStateStoreContext(), s);
        return s;
    }

    private List<String> keys() {
        List<String> out = new ArrayList<>();
        try (var it = inner.all()) {
            it.forEachRemaining(kv -> out.add(kv.key));
        }
        return out;
    }

    @Test
    void aCommitOfManyTermsWritesOneRecordAndTheCountsSurviveAReopen() {
        DocumentFrequencyStore s = reopen(100, 1000, 100);
        for (int t = 0; t < 300; t++) {
            s.put("term" + t, (long) t + 1);
        }
        s.put("term0", 7L);
        assertThat(s.get("term0")).isEqualTo(7L);
        assertThat(keys()).isEmpty(); // nothing before the flush
        s.flushCache();
        assertThat(keys()).hasSize(1);
        s.put("term1", 9L);
        s.flushCache();
        assertThat(keys()).hasSize(2);

        DocumentFrequencyStore again = reopen(100, 1000, 100);
        assertThat(again.get("term0")).isEqualTo(7L);
        assertThat(again.get("term1")).isEqualTo(9L); // the later record wins
        assertThat(again.get("term299")).isEqualTo(300L);
        assertThat(again.get("never")).isNull();
        // a record written after the reopen does not overwrite an older one
        again.put("term2", 11L);
        again.flushCache();
        assertThat(keys()).hasSize(3);
        assertThat(reopen(100, 1000, 100).get("term2")).isEqualTo(11L);
    }

    @Test
    void foldingWritesTermKeysDeletesTheLogAndChangesNoCount() {
        Random rnd = new Random(3);
        Map<String, Long> truth = new HashMap<>();
        DocumentFrequencyStore s = reopen(10, 50, 4);
        for (int commit = 0; commit < 40; commit++) {
            for (int i = 0; i < 20; i++) {
                String term = "t" + (int) Math.abs(rnd.nextGaussian() * 40);
                long v = truth.merge(term, 1L, Long::sum);
                assertThat(s.get(term)).isEqualTo(v == 1 ? null : v - 1);
                s.put(term, v);
            }
            s.flushCache();
            assertThat(s.logRecords()).isLessThan(4);
            if (commit % 7 == 0) {
                s = reopen(10, 50, 4); // a restart between two commits
            }
        }
        assertThat(keys().stream().filter(k -> !k.startsWith(DocumentFrequencyStore.LOG_PREFIX)).count())
                .isGreaterThan(10); // folds happened
        DocumentFrequencyStore again = reopen(0, 50, 4);
        truth.forEach((term, v) -> assertThat(again.get(term)).as(term).isEqualTo(v));
    }

    @Test
    void eachLogRecordHoldsTheLatestCountOfEachTermChangedSinceTheLastCommitOnly() {
        DocumentFrequencyStore s = reopen(100, 1000, 100);
        s.put("a", 1L);
        s.put("b", 1L);
        s.flushCache();
        s.put("b", 2L);
        s.put("c", 1L);
        s.put("b", 3L); // twice in one commit: the log holds the latest
        assertThat(s.get("b")).isEqualTo(3L);
        s.flushCache();
        s.flushCache(); // nothing changed: no record
        var logs = io.wirewatch.common.serde.SmileSerde.of(DocumentFrequencyStore.Log.class).deserializer();
        List<Map<String, Long>> records = new ArrayList<>();
        try (var it = inner.all()) {
            it.forEachRemaining(kv -> records.add(logs.deserialize(null, kv.value).counts()));
        }
        assertThat(records).containsExactly(Map.of("a", 1L, "b", 1L), Map.of("b", 3L, "c", 1L));
    }

    @Test
    void clearingDropsUnflushedCountsSoTheStoreStaysTheTruth() {
        DocumentFrequencyStore s = reopen(100, 1000, 100);
        s.put("kept", 1L);
        s.flushCache();
        s.put("kept", 2L);
        s.put("lost", 3L);
        s.clearCache(); // what Streams does when it recycles the task's state (or closes it after an abort)
        assertThat(s.get("kept")).isEqualTo(1L);
        assertThat(s.get("lost")).isNull();
        s.flushCache();
        assertThat(reopen(100, 1000, 100).get("lost")).isNull();
    }

    @Test
    void badLimitsAndDeletesNameTheStore() {
        assertThatThrownBy(() -> new DocumentFrequencyStore(inner, 10, 0, 1)).hasMessageContaining("df");
        assertThatThrownBy(() -> reopen(1, 1, 1).delete("x")).hasMessageContaining("df");
    }
}
