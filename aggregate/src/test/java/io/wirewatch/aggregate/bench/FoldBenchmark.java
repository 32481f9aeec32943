package io.wirewatch.aggregate.bench;

import io.wirewatch.aggregate.AggregateService;
import io.wirewatch.aggregate.AggregateTopology;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.time.DateExpr;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The aggregate's cost per claim as one organisation's history grows: N invented articles, one
 * claim each, all about one organisation, through the real aggregate topology (RocksDB stores,
 * JSON serdes) in a TopologyTestDriver. Not a test; run it as BENCHMARKS.md says:
 * <pre>java -cp ... io.wirewatch.aggregate.bench.FoldBenchmark 1000 100000</pre>
 */
public final class FoldBenchmark {

    private static final String[] JURISDICTIONS = {"XA", "XB", "XC", "XD", "XE"};
    private static final String[] LISTS = {null, null, null, "FTO", "sanctions"};
    private static final String[] STATUSES = {"DESIGNATED", "DESIGNATED", "DELISTING_PENDING", "DELISTED", "SANCTIONED"};

    private FoldBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a.replace("_", "")));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000, 100_000);
        }
        run(Math.min(2_000, sizes.get(0)), false); // warm-up: JIT and RocksDB
        for (int n : sizes) {
            run(n, true);
        }
    }

    /** The i-th invented article: one of 200 outlets, one day of a year, one claim; one in ten is a copy. */
    static EnrichedArticle article(int i) {
        int j = i % JURISDICTIONS.length;
        String id = String.format("bench-%07d", i);
        String outlet = "outlet-" + (i * 7919 % 200);
        String published = LocalDate.of(2024, 1, 1).plusDays(i * 31L % 366).toString();
        String status = "sanctions".equals(LISTS[j]) ? "SANCTIONED" : STATUSES[(i / JURISDICTIONS.length) % 4];
        Claim c = new Claim("bench-org", "Bench Organisation", JURISDICTIONS[j], "Land " + JURISDICTIONS[j], status,
                LISTS[j], DateExpr.ANCHOR, null, false,
                "Report " + i + ": the authorities of Land " + JURISDICTIONS[j] + " acted on the organisation.", 0.6 + (i % 4) / 10.0);
        return new EnrichedArticle(id, "https://" + outlet + ".example/" + id, null, outlet, "Headline " + i, null,
                published, published + "T12:00:00Z", "en", "Invented body " + i + ".",
                List.of(new Entity("bench-org", Entity.ORG, "Bench Organisation", 1, 0, List.of("BO"))), null,
                i % 10 == 9 ? String.format("bench-%07d", i - 1) : null, List.of(c));
    }

    static void run(int n, boolean report) throws Exception {
        Path dir = Files.createTempDirectory("fold-bench-");
        Properties p = AggregateService.config("unused:9092", "fold-bench");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(Json.write(article(i)));
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(AggregateTopology.build(), p)) {
            TestInputTopic<String, String> in = driver.createInputTopic(Topics.ENRICHED, new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic(Topics.STATUS, new StringDeserializer(), new StringDeserializer());
            long outputs = 0;
            long bytes = 0;
            long start = System.nanoTime();
            long firstTenth = 0;
            for (int i = 0; i < n; i++) {
                in.pipeInput(String.format("bench-%07d", i), values.get(i));
                if (i % 1000 == 999 || i == n - 1) {
                    for (String v : out.readValuesToList()) {
                        outputs++;
                        bytes += v == null ? 0 : v.length();
                    }
                }
                if (i == n / 10 - 1) {
                    firstTenth = System.nanoTime() - start;
                }
            }
            long total = System.nanoTime() - start;
            long lastNine = total - firstTenth;
            if (report) {
                System.out.printf("fold N=%d claims: %.1f us/claim overall, first 10%%: %.1f us/claim, last 90%%: %.1f us/claim; "
                                + "%d tables emitted (avg %d bytes); %.1f s%n",
                        n, total / 1e3 / n, firstTenth / 1e3 / Math.max(1, n / 10), lastNine / 1e3 / Math.max(1, n - n / 10),
                        outputs, outputs == 0 ? 0 : bytes / outputs, total / 1e9);
            }
        }
    }
}
