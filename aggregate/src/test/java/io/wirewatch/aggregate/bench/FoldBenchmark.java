package io.wirewatch.aggregate.bench;

import io.wirewatch.aggregate.AggregateService;
import io.wirewatch.aggregate.AggregateTopology;
import io.wirewatch.common.Topics;
import io.wirewatch.aggregate.status.ClaimRecord;
import io.wirewatch.aggregate.status.MemoryFoldState;
import io.wirewatch.aggregate.status.OrgEvent;
import io.wirewatch.aggregate.status.OrgFold;
import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.common.time.DateExpr;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The aggregate's cost per claim as one organisation's history grows: N invented articles, one
 * claim each, all about one organisation, through the real aggregate topology (RocksDB stores,
 * the stores' serdes) in a TopologyTestDriver. Not a test; run it as BENCHMARKS.md says:
 * <pre>java -cp ... io.wirewatch.aggregate.bench.FoldBenchmark [days=30] 1000 100000</pre>
 */
public final class FoldBenchmark {

    private static final String[] JURISDICTIONS = {"XA", "XB", "XC", "XD", "UN"};
    private static final String[] LISTS = {null, null, null, "FTO", "sanctions"};
    /**
     * Rows of the organisation ({@code -Dfold.rows=R}, default 5): past 5, invented jurisdictions ZAA.. with
     * longer sentences (quotes, non-ASCII), so that about 200 rows make a table past its 512 KB budget.
     */
    private static final int ROWS = Integer.getInteger("fold.rows", JURISDICTIONS.length);

    private FoldBenchmark() {}

    /** Arguments: {@code [days=D] N...}: N articles each, published over D days (default 30). */
    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        int days = 30;
        for (String a : args) {
            if (a.startsWith("days=")) {
                days = Integer.parseInt(a.substring(5));
            } else {
                sizes.add(Integer.parseInt(a.replace("_", "")));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000, 100_000);
        }
        boolean foldOnly = Boolean.getBoolean("fold.only");
        if (foldOnly) {
            foldOnly(Math.min(2_000, sizes.get(0)), days, false); // warm-up: JIT
        } else {
            run(Math.min(Integer.getInteger("fold.warmup", 2_000), sizes.get(0)), days, false); // warm-up: JIT and RocksDB
        }
        for (int n : sizes) {
            if (foldOnly) {
                foldOnly(n, days, true);
            } else {
                run(n, days, true);
            }
        }
    }

    /**
     * The i-th invented article, published on one of {@code days} days by one of 200 outlets, with
     * one claim about one of five rows: two rows go from designated to pending to delisted over the
     * period, two stay designated, one is a sanctions listing. A third of the claims report news
     * (dated by the article), a third a standing state ("remains banned"), a third the background
     * ("banned since 2003"). One article in ten is a copy of the one before.
     */
    static EnrichedArticle article(int i, int days) {
        int j = i % ROWS;
        String id = String.format("bench-%07d", i);
        String outlet = "outlet-" + (i * 7919 % 200);
        int day = (int) (i * 7L % days);
        String published = LocalDate.of(2025, 1, 1).plusDays(day).toString();
        String status;
        if (j == 4) {
            status = "SANCTIONED";
        } else if (j >= 2 || day < days / 3) {
            status = "DESIGNATED";
        } else {
            status = day < 2 * days / 3 ? "DELISTING_PENDING" : "DELISTED";
        }
        int kind = (i / ROWS) % 3;
        boolean background = kind == 2 && "DESIGNATED".equals(status);
        DateExpr date = background ? DateExpr.absolute(2003, null, null) : kind == 0 ? DateExpr.ANCHOR : DateExpr.UNKNOWN;
        String code = j < JURISDICTIONS.length ? JURISDICTIONS[j]
                : "Z" + (char) ('A' + j / 26 % 26) + (char) ('A' + j % 26);
        String list = j < JURISDICTIONS.length ? LISTS[j] : null;
        String sentence = "Report " + i + ": the authorities of Land " + code + " acted on the organisation.";
        if (j >= JURISDICTIONS.length) {
            sentence += " \"Invented\" détail n° " + i + " — " + "x".repeat(80 + i % 120);
        }
        Claim c = new Claim("bench-org", "Bench Organisation", code, "Land " + code, status,
                list, date, null, background, sentence, 0.6 + (i % 4) / 10.0);
        return new EnrichedArticle(id, "https://" + outlet + ".example/" + id, null, outlet, "Headline " + i, null,
                published, published + "T12:00:00Z", "en", "Invented body " + i + ".",
                List.of(new Entity("bench-org", Entity.ORG, "Bench Organisation", 1, 0, List.of("BO"))), null,
                i % 10 == 9 ? String.format("bench-%07d", i - 1) : null, List.of(c));
    }

    /**
     * The fold alone ({@code -Dfold.only=true}): the same claims through {@link OrgFold} on
     * {@link MemoryFoldState#serialized()} (the stores' serdes), without RocksDB and without the
     * test driver's commit after every record.
     */
    static void foldOnly(int n, int days, boolean report) {
        OrgFold fold = new OrgFold(MemoryFoldState.serialized());
        List<OrgEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            EnrichedArticle a = article(i, days);
            Claim c = a.claims().get(0);
            events.add(OrgEvent.claims(c.org(), c.orgName(), List.of("BO"), a.id(), List.of(new ClaimRecord(c, a.id(),
                    a.url(), a.outlet(), a.published(), a.storyId(), a.duplicateOf()))));
        }
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long firstTenth = 0;
        long cpuTenth = 0;
        long emitted = 0;
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            OrgFold.Change ch = fold.apply(events.get(i));
            if (ch.changed()) {
                emitted++;
                bytes += JsonSerde.STATUS.serializer().serialize(Topics.STATUS, ch.status()).length;
            }
            if (i == n / 10 - 1) {
                firstTenth = System.nanoTime() - start;
                cpuTenth = cpu.getCurrentThreadCpuTime() - cpuStart;
            }
        }
        long total = System.nanoTime() - start;
        long cpuTotal = cpu.getCurrentThreadCpuTime() - cpuStart;
        if (report) {
            System.out.printf("fold only, N=%d claims over %d days: CPU %.1f us/claim (first 10%%: %.1f, last 90%%: %.1f); "
                            + "wall %.1f us/claim; %d tables emitted (avg %d bytes); %.1f s%n",
                    n, days, cpuTotal / 1e3 / n, cpuTenth / 1e3 / Math.max(1, n / 10),
                    (cpuTotal - cpuTenth) / 1e3 / Math.max(1, n - n / 10), total / 1e3 / n,
                    emitted, emitted == 0 ? 0 : bytes / emitted, total / 1e9);
        }
    }

    static void run(int n, int days, boolean report) throws Exception {
        Path dir = Files.createTempDirectory("fold-bench-");
        Properties p = AggregateService.config("unused:9092", "fold-bench");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(Json.write(article(i, days)));
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(AggregateTopology.build(), p)) {
            TestInputTopic<String, String> in = driver.createInputTopic(Topics.ENRICHED, new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, byte[]> out = driver.createOutputTopic(Topics.STATUS, new StringDeserializer(), new ByteArrayDeserializer());
            int drain = ROWS > JURISDICTIONS.length ? 20 : 1000; // the driver keeps what it produced until read
            long outputs = 0;
            long bytes = 0;
            long largest = 0;
            long cut = 0;
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long cpuTenth = 0;
            long processStart = processCpu();
            long[] gc0 = gc();
            long start = System.nanoTime();
            long firstTenth = 0;
            for (int i = 0; i < n; i++) {
                in.pipeInput(String.format("bench-%07d", i), values.get(i));
                if (i % drain == drain - 1 || i == n - 1) {
                    for (byte[] v : out.readValuesToList()) {
                        outputs++;
                        bytes += v == null ? 0 : v.length;
                        largest = Math.max(largest, v == null ? 0 : v.length);
                        // a cut table: every row says so, the first one within its first 32 KB
                        cut += v != null && new String(v, 0, Math.min(v.length, 32 * 1024), StandardCharsets.ISO_8859_1)
                                .contains("\"evidenceTotal\"") ? 1 : 0;
                    }
                    // the driver keeps every record it produced (changelogs too) until read
                    for (String topic : driver.producedTopicNames()) {
                        if (!topic.equals(Topics.STATUS)) {
                            driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
                        }
                    }
                }
                if (i == n / 10 - 1) {
                    firstTenth = System.nanoTime() - start;
                    cpuTenth = cpu.getCurrentThreadCpuTime() - cpuStart;
                }
            }
            long total = System.nanoTime() - start;
            long cpuTotal = cpu.getCurrentThreadCpuTime() - cpuStart;
            long lastNine = total - firstTenth;
            long processCpu = processCpu() - processStart;
            long[] gc = gc();
            if (report) {
                System.out.printf("topology, N=%d claims over %d days: CPU %.1f us/claim (first 10%%: %.1f, last 90%%: %.1f); "
                                + "wall %.1f us/claim (first 10%%: %.1f, last 90%%: %.1f); "
                                + "%d tables emitted (avg %d bytes); %.1f s%n",
                        n, days, cpuTotal / 1e3 / n, cpuTenth / 1e3 / Math.max(1, n / 10),
                        (cpuTotal - cpuTenth) / 1e3 / Math.max(1, n - n / 10), total / 1e3 / n, firstTenth / 1e3 / Math.max(1, n / 10), lastNine / 1e3 / Math.max(1, n - n / 10),
                        outputs, outputs == 0 ? 0 : bytes / outputs, total / 1e9);
                System.out.printf("topology, N=%d, %d rows: process CPU %.1f s, GC %d collections %.2f s; largest table %d bytes, %d cut%n",
                        n, ROWS, processCpu / 1e9, gc[0] - gc0[0], (gc[1] - gc0[1]) / 1e3, largest, cut);
            }
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Collections and milliseconds of GC so far. */
    private static long[] gc() {
        long[] out = new long[2];
        for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            out[0] += Math.max(0, b.getCollectionCount());
            out[1] += Math.max(0, b.getCollectionTime());
        }
        return out;
    }
}
