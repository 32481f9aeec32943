package io.wirewatch.benchmarks;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.enrich.EnrichService;
import io.wirewatch.enrich.EnrichTopology;
import io.wirewatch.enrich.stories.StoryClusterer;
import io.wirewatch.enrich.stories.StoryProcessor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

/**
 * Story clustering cost per article against the number of stored stories (issue 7's 10k vs 1M
 * target). For each size it pre-fills the real RocksDB-backed stores through the real story
 * processor (Kafka Streams test driver with a state dir, exactly-once config), then times one
 * fixed batch of articles: half follow-ups of recent stories, half new events. Articles are
 * generated (a Zipf vocabulary plus words unique to each event, an organisation on half of them),
 * one every 1.7 s of publish time, so 1M stories span 20 days and most are past the 7-day window.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.wirewatch.benchmarks.StoryScale [SIZES] [BATCH]</pre>
 * SIZES is a comma list (default 10000,1000000), BATCH the timed articles (default 5000). The last
 * line is {@code story-scale ... ratio=X} (cost per article at the largest size over the smallest).
 */
public final class StoryScale {

    private static final String IN = "story-scale-in";
    private static final String OUT = "story-scale-out";
    private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long STEP_MS = 1728;
    private static final int POOL = 20_000;
    private static final int ORGS = 500;
    private static final int TEXT_WORDS = 120;

    private final double[] zipf = new double[POOL];

    private StoryScale() {
        double sum = 0;
        for (int i = 0; i < POOL; i++) {
            sum += 1.0 / (i + 1);
            zipf[i] = sum;
        }
        for (int i = 0; i < POOL; i++) {
            zipf[i] /= sum;
        }
    }

    public static void main(String[] args) throws Exception {
        String[] sizes = (args.length > 0 ? args[0] : "10000,1000000").split(",");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        StoryScale bench = new StoryScale();
        double first = 0;
        double last = 0;
        StringBuilder summary = new StringBuilder("story-scale");
        for (String s : sizes) {
            int n = Integer.parseInt(s.trim());
            double us = bench.run(n, batch);
            if (first == 0) {
                first = us;
            }
            last = us;
            summary.append(" us_per_article_at_").append(n).append('=').append(String.format("%.1f", us));
        }
        System.out.println(summary.append(String.format(" ratio=%.2f", last / first)));
    }

    private double run(int stories, int batch) throws Exception {
        Path state = Files.createTempDirectory("wirewatch-story-scale");
        Properties p = EnrichService.config("unused:9092", "story-scale-" + stories);
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        StoryProcessor.CacheSizes sizes = StoryProcessor.CacheSizes.defaults();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                EnrichTopology.storiesOnly(IN, OUT, StoryClusterer.Params.defaults(), sizes), p)) {
            TestInputTopic<String, EnrichedArticle> in = driver.createInputTopic(IN, new StringSerializer(),
                    JsonSerde.ENRICHED.serializer());
            TestOutputTopic<String, byte[]> out = driver.createOutputTopic(OUT, new StringDeserializer(),
                    new ByteArrayDeserializer());
            Random rnd = new Random(7);
            long t0 = System.nanoTime();
            for (int i = 0; i < stories; i++) {
                in.pipeInput("a" + i, article("a" + i, i, i, rnd));
                if (i % 1000 == 0) {
                    out.readRecordsToList();
                }
            }
            out.readRecordsToList();
            double prefillS = (System.nanoTime() - t0) / 1e9;
            // the same batch at every size: the follow-ups name a recent story, which exists at every size
            Random brnd = new Random(11);
            List<EnrichedArticle> timed = new ArrayList<>(batch);
            for (int j = 0; j < batch; j++) {
                int event = j % 2 == 0 ? stories - 1 - brnd.nextInt(Math.min(stories, 2000)) : 50_000_000 + j;
                timed.add(article("b" + j, event, stories + j, brnd));
            }
            long t1 = System.nanoTime();
            for (EnrichedArticle a : timed) {
                in.pipeInput(a.id(), a);
            }
            double batchS = (System.nanoTime() - t1) / 1e9;
            Set<String> batchStories = new HashSet<>();
            for (var r : out.readRecordsToList()) {
                batchStories.add(JsonSerde.ENRICHED.deserializer().deserialize(OUT, r.value()).storyId());
            }
            double us = batchS * 1e6 / batch;
            System.out.printf("stored_stories=%d prefill_s=%.0f prefill_per_s=%.0f batch=%d batch_stories=%d "
                            + "us_per_article=%.1f articles_per_s=%.0f%n", stories, prefillS, stories / prefillS, batch,
                    batchStories.size(), us, batch / batchS);
            return us;
        }
    }

    /** An article on {@code event}: its six own words (title and twice in the text) and Zipf filler. */
    private EnrichedArticle article(String id, int event, long seq, Random rnd) {
        String[] own = new String[6];
        for (int k = 0; k < own.length; k++) {
            own[k] = "ev" + letters(event) + (char) ('a' + k);
        }
        StringBuilder title = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            title.append(own[rnd.nextInt(own.length)]).append(' ');
        }
        title.append(word(rnd)).append(' ').append(word(rnd));
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < TEXT_WORDS; w++) {
            text.append(w < 12 ? own[w % own.length] : word(rnd)).append(w % 15 == 14 ? ". " : " ");
        }
        List<Entity> ents = new ArrayList<>();
        if (rnd.nextBoolean()) {
            int org = (event * 31 + 7) % ORGS;
            ents.add(new Entity("org-" + org, Entity.ORG, "Org " + org, 1, 0, List.of()));
        }
        String published = Instant.ofEpochMilli(START + seq * STEP_MS).toString();
        return new EnrichedArticle(id, "https://bench.example/" + id, null, "outlet" + rnd.nextInt(40) + ".example",
                title.toString().trim(), null, published, published, "en", text.toString(), ents, null, null, List.of());
    }

    private String word(Random rnd) {
        double u = rnd.nextDouble();
        int lo = 0;
        int hi = POOL - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (zipf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return "w" + letters(lo);
    }

    private static String letters(int n) {
        StringBuilder b = new StringBuilder();
        do {
            b.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return b.toString();
    }
}
