package io.wirewatch.aggregate;

import io.wirewatch.aggregate.status.StatusFoldProcessor;
import io.wirewatch.aggregate.status.StoredTables;
import io.wirewatch.aggregate.status.TableBound;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.common.serde.SmileSerde;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code org-tables} store holds each table's JSON, assembled from what the fold published: the table read back
 * from it is the one folded (also when the published one was cut), and values stored as Smile before still read.
 */
class StoredTablesTopologyTest {

    private static final String ORG = "grey-heron";
    private static final int BUDGET = TableBound.MIN_MAX_BYTES;

    @TempDir
    Path dir;

    private int runs;

    private Properties config(Integer budget, Long decodedBytes) {
        Properties p = AggregateService.config("unused:9092", "stored-tables-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("run-" + runs++).toString());
        if (budget != null) {
            p.put(TableBound.MAX_BYTES_CONFIG, Integer.toString(budget));
        }
        if (decodedBytes != null) {
            p.put(StatusFoldProcessor.DECODED_BYTES_CONFIG, Long.toString(decodedBytes));
        }
        return p;
    }

    /** What one driver saw: the org.status.v1 records and the stored value after each article. */
    private record Run(List<KeyValue<String, byte[]>> records, List<byte[]> stored) {
        byte[] last() {
            return records.get(records.size() - 1).value;
        }
    }

    /**
     * The articles through a fresh driver; after {@code smileAt} articles (if not negative) the stored table is
     * replaced by its Smile encoding, as a store written before holds it.
     */
    private Run run(Properties p, List<EnrichedArticle> articles, int smileAt) {
        List<KeyValue<String, byte[]>> records = new ArrayList<>();
        List<byte[]> stored = new ArrayList<>();
        try (TopologyTestDriver d = new TopologyTestDriver(AggregateTopology.build(), p)) {
            TestInputTopic<String, String> in = d.createInputTopic(Topics.ENRICHED, new StringSerializer(),
                    new StringSerializer());
            TestOutputTopic<String, byte[]> out = d.createOutputTopic(Topics.STATUS, new StringDeserializer(),
                    new ByteArrayDeserializer());
            KeyValueStore<String, byte[]> tables = d.getKeyValueStore(StatusFoldProcessor.TABLES_STORE);
            for (int i = 0; i < articles.size(); i++) {
                if (i == smileAt) {
                    OrgStatus t = StoredTables.decode(tables.get(ORG));
                    byte[] smile = SmileSerde.of(OrgStatus.class).serializer().serialize("t", t);
                    assertThat(new String(smile, 0, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(":)\n");
                    tables.put(ORG, smile);
                }
                EnrichedArticle a = articles.get(i);
                in.pipeInput(a.id(), Json.write(a));
                records.addAll(out.readKeyValuesToList());
                stored.add(tables.get(ORG));
            }
        }
        return new Run(records, stored);
    }

    @Test
    void theStoredTableIsTheFoldedOneAsJson() {
        List<EnrichedArticle> articles = TableBoundTopologyTest.bigOrganisation(12, 6);
        Run whole = run(config(null, null), articles, -1);
        Run cut = run(config(BUDGET, null), articles, -1);
        assertThat(new String(cut.last(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"evidenceTotal\"");
        int published = 0;
        for (int i = 0; i < articles.size(); i++) {
            byte[] json = whole.stored().get(i);
            assertThat(json[0]).as("JSON, not Smile").isEqualTo((byte) '{');
            // cut or not, the store holds the whole table, the bytes Jackson writes for it
            OrgStatus table = StoredTables.decode(json);
            assertThat(Json.writeBytes(table)).isEqualTo(json);
            assertThat(cut.stored().get(i)).as("article %d", i).isEqualTo(json);
        }
        // published uncut, the stored bytes are the record's
        for (KeyValue<String, byte[]> kv : whole.records()) {
            assertThat(whole.stored()).anySatisfy(s -> assertThat(s).isEqualTo(kv.value));
            published++;
        }
        assertThat(published).isGreaterThan(0);
        assertThat(whole.stored().get(articles.size() - 1)).isEqualTo(whole.last());
        OrgStatus read = JsonSerde.STATUS.deserializer().deserialize(Topics.STATUS, whole.last());
        assertThat(StoredTables.decode(cut.stored().get(articles.size() - 1))).isEqualTo(read);
    }

    @Test
    void aTableStoredAsSmileBeforeStillReadsAndIsRewrittenAsJson() {
        List<EnrichedArticle> articles = TableBoundTopologyTest.bigOrganisation(8, 5);
        for (Integer budget : new Integer[]{null, BUDGET}) {
            // nothing kept decoded: the fold reads the table from the store at every commit
            Run plain = run(config(budget, 0L), articles, -1);
            Run smile = run(config(budget, 0L), articles, articles.size() / 2);
            assertThat(smile.records()).hasSameSizeAs(plain.records());
            for (int i = 0; i < plain.records().size(); i++) {
                assertThat(smile.records().get(i).value).as("budget %s, record %d", budget, i)
                        .isEqualTo(plain.records().get(i).value);
            }
            assertThat(smile.stored().get(articles.size() - 1)).isEqualTo(plain.stored().get(articles.size() - 1));
        }
    }

    @Test
    void bothFormatsDecodeToTheSameTable() {
        OrgStatus t = new OrgStatus(ORG, "Grey Heron League", List.of("GHL", "Liga \u00e9 \u4e2d"), List.of(
                new OrgStatus.JurisdictionRow("QA", "Land QA", null, "DESIGNATED", "2024-01-01",
                        List.of(new OrgStatus.HistoryEntry("DESIGNATED", "2024-01-01")),
                        List.of(new OrgStatus.Evidence("a1", "https://o.example/a1", "o", "2024-01-01",
                                "A \"quoted\" sentence \ud83d\ude00.")), 1, 0.8)));
        assertThat(StoredTables.decode(StoredTables.encode(t))).isEqualTo(t);
        assertThat(StoredTables.decode(SmileSerde.of(OrgStatus.class).serializer().serialize("t", t))).isEqualTo(t);
        assertThat(StoredTables.decode(null)).isNull();
    }
}
