package io.wirewatch.enrich.stories;

import io.wirewatch.enrich.EnrichTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story stores as the topology builds them: keys written once per article (text hashes, near-copy bands
 * and fingerprints) reach RocksDB at the pre-commit flush, all of a commit's in one write batch, and read
 * back before it as written.
 */
class StoryStoresTest {

    @Test
    @SuppressWarnings("unchecked")
    void keysWrittenOncePerArticleAreHeldUntilTheCommit(@TempDir Path dir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "stores");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(p, new TaskId(0, 0), dir.toFile());
        for (StoreBuilder<?> b : EnrichTopology.storyStores()) {
            if (!List.of(StoryProcessor.TEXT_STORE, StoryProcessor.BANDS_STORE).contains(b.name())) {
                continue;
            }
            StateStore built = b.withLoggingDisabled().build();
            built.init(context.getStateStoreContext(), built);
            try {
                assertThat(built).isInstanceOf(WriteBackStore.class);
                KeyValueStore<String, String> store = (KeyValueStore<String, String>) built;
                KeyValueStore<String, String> below = (KeyValueStore<String, String>) ((WrappedStateStore<?, ?, ?>) built).wrapped();
                store.put("k1", "a-1");
                store.put("k2", "a-2");
                assertThat(store.get("k1")).isEqualTo("a-1");
                assertThat(below.get("k1")).isNull();
                ((WrappedStateStore<?, ?, ?>) built).flushCache();
                assertThat(below.get("k1")).isEqualTo("a-1");
                assertThat(below.get("k2")).isEqualTo("a-2");
            } finally {
                built.close();
            }
        }
        StateStore prints = EnrichTopology.storyStores().stream()
                .filter(b -> b.name().equals(StoryProcessor.FINGERPRINTS_STORE)).findFirst().orElseThrow()
                .withLoggingDisabled().build();
        assertThat(prints).isInstanceOf(WriteBackStore.class);
    }
}
