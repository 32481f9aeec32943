package io.wirewatch.aggregate;

import io.wirewatch.aggregate.status.PublishPacing;
import io.wirewatch.aggregate.status.StatusFoldProcessor;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.serde.Json;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link PublishPacing} on the real topology: a big table is published at most once per interval of the
 * driver's wall clock, with every change since folded in, and waits in the logged store meanwhile; small
 * tables go out at every commit as without pacing. Invented organisations and sentences only.
 */
class PublishPacingTopologyTest {

    private static final String ORG = "grey-heron";

    @TempDir
    Path dir;

    /** The topology's settings with the pacing given; a state directory of its own per pacing. */
    private Properties config(long intervalMs, long bigBytes) {
        Properties p = AggregateService.config("unused:9092", "publish-pacing-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve(intervalMs + "ms-" + bigBytes + "bytes").toString());
        p.put(PublishPacing.MS_CONFIG, Long.toString(intervalMs));
        p.put(PublishPacing.BYTES_CONFIG, Long.toString(bigBytes));
        return p;
    }

    @Test
    void aBigTableIsPublishedOncePerIntervalWithEveryChangeSinceFoldedIn() {
        List<EnrichedArticle> articles = TableBoundTopologyTest.bigOrganisation(6, 4);
        byte[] unpaced = last(TableBoundTopologyTest.statusRecords(config(0, 1), articles));

        try (TopologyTestDriver d = new TopologyTestDriver(AggregateTopology.build(), config(1000, 1))) {
            TestInputTopic<String, String> in = d.createInputTopic(Topics.ENRICHED, new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, byte[]> out = d.createOutputTopic(Topics.STATUS, new StringDeserializer(),
                    new ByteArrayDeserializer());
            KeyValueStore<String, StatusFoldProcessor.DeferredTable> waiting = d.getKeyValueStore(StatusFoldProcessor.DEFERRED_STORE);

            in.pipeInput(articles.get(0).id(), Json.write(articles.get(0)));
            assertThat(out.readKeyValuesToList()).as("the first table goes out at once").hasSize(1);
            for (EnrichedArticle a : articles.subList(1, articles.size())) {
                in.pipeInput(a.id(), Json.write(a)); // the driver commits after each record; its clock stands still
            }
            assertThat(out.readKeyValuesToList()).as("nothing within the interval").isEmpty();
            StatusFoldProcessor.DeferredTable held = waiting.get(ORG);
            assertThat(held).as("the waiting table is in the logged store").isNotNull();
            assertThat(held.rows()).hasSize(6);

            d.advanceWallClockTime(Duration.ofMillis(999));
            assertThat(out.readKeyValuesToList()).isEmpty();
            d.advanceWallClockTime(Duration.ofMillis(1));
            List<KeyValue<String, byte[]>> due = out.readKeyValuesToList();
            assertThat(due).as("one table once due").hasSize(1);
            assertThat(due.get(0).key).isEqualTo(ORG);
            assertThat(new String(due.get(0).value)).as("the same table as without pacing").isEqualTo(new String(unpaced));
            assertThat(waiting.get(ORG)).isNull();

            d.advanceWallClockTime(Duration.ofMillis(5000));
            assertThat(out.readKeyValuesToList()).as("nothing waits any more").isEmpty();
        }
    }

    @Test
    void tablesBelowTheSizeAreSentAtEveryCommitAsWithoutPacing() {
        List<EnrichedArticle> articles = TableBoundTopologyTest.bigOrganisation(3, 3);
        List<KeyValue<String, byte[]>> unpaced = TableBoundTopologyTest.statusRecords(config(0, 1), articles);
        List<KeyValue<String, byte[]>> paced = TableBoundTopologyTest.statusRecords(config(60_000, 1 << 20), articles);
        assertThat(paced).hasSameSizeAs(unpaced).hasSize(articles.size());
        for (int i = 0; i < paced.size(); i++) {
            assertThat(new String(paced.get(i).value)).isEqualTo(new String(unpaced.get(i).value));
        }
    }

    @Test
    void badPacingIsRefusedWithTheSettingAndItsRange() {
        assertThatThrownBy(() -> PublishPacing.of(Map.of(PublishPacing.MS_CONFIG, "-5")))
                .hasMessageStartingWith(PublishPacing.MS_CONFIG + " must be a number of milliseconds from 0 to 3600000")
                .hasMessageContaining("not '-5'");
        Properties p = AggregateService.config("unused:9092", "publish-pacing-test");
        p.put(PublishPacing.BYTES_CONFIG, "64KB");
        assertThatThrownBy(() -> AggregateService.validate(p))
                .hasMessageStartingWith(PublishPacing.BYTES_CONFIG + " must be a number of bytes from 1")
                .hasMessageContaining("not '64KB'");
        assertThat(PublishPacing.of(Map.of()).intervalMs()).isEqualTo(PublishPacing.DEFAULT_MS);
    }

    private static byte[] last(List<KeyValue<String, byte[]>> records) {
        return records.get(records.size() - 1).value;
    }
}
