package io.wirewatch.app.cli;

import io.wirewatch.common.Topics;
import io.wirewatch.app.pipeline.StoryTable;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.enrich.EnrichService;
import io.wirewatch.enrich.stories.eval.ClusteringScores;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "stories", mixinStandardHelpOptions = true,
        description = {"Story clustering quality: runs the real enrich topology (in-process, Kafka Streams test driver, "
                + "no broker) over FILE.jsonl in file order and scores the final stories table (news.stories.v1, "
                + "absorbed stories followed to the story that lists their articles) against GOLD.jsonl "
                + "(lines {\"id\", \"cluster\"}). The story ids first assigned (news.enriched.v1) are scored on stderr.",
                "The last line is `articles=N stories=S gold_stories=G bcubed_p=P bcubed_r=R bcubed_f1=F nmi=M`."})
public final class BenchStoriesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "Articles in the import format, in stream order.")
    Path articles;

    @Parameters(index = "1", paramLabel = "GOLD.jsonl", description = "Gold story of each article id.")
    Path gold;

    /** Which gold stories to keep: tuning on one half and scoring the other guards against overfitting. */
    public enum Half { all, even, odd, a, b }

    @Option(names = "--half", defaultValue = "all", description = {
            "Run on the articles of half of the gold stories only: `even` / `odd` (parity of a numeric gold "
                    + "cluster id), `a` / `b` (the sorted cluster ids shuffled with --seed, first / second half); "
                    + "default `all`."})
    Half half;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the random split for --half a|b (default 7).")
    long seed;

    @Mixin StoryWindowOptions storyWindow;

    /** A gold label line. */
    record Label(String id, String cluster) {}

    @Override
    public Integer call() throws Exception {
        Properties window = storyWindow.applyTo(new Properties()); // a bad window fails first
        for (Path p : new Path[] {articles, gold}) {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("cannot read " + p);
            }
        }
        Map<String, String> labels = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(gold, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    Label l = Json.read(line, Label.class);
                    labels.put(l.id(), l.cluster());
                }
            }
        }
        Set<String> kept = keptClusters(labels.values(), half, seed);
        Path state = Files.createTempDirectory("wirewatch-bench-stories");
        Properties p = EnrichService.config("unused:9092", "wirewatch-bench-stories");
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        p.putAll(window);
        Map<String, String> predicted = new LinkedHashMap<>();
        Map<String, Story> table = new HashMap<>();
        long start = System.nanoTime();
        int sent = 0;
        try (TopologyTestDriver driver = new TopologyTestDriver(EnrichService.topology(), p);
             BufferedReader r = Files.newBufferedReader(articles, StandardCharsets.UTF_8)) {
            var in = driver.createInputTopic(Topics.RAW, new StringSerializer(), new ByteArraySerializer());
            var out = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(),
                    JsonSerde.ENRICHED.deserializer());
            var storiesOut = driver.createOutputTopic(Topics.STORIES, new StringDeserializer(),
                    JsonSerde.STORY.deserializer());
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                RawArticle a = Json.read(line, RawArticle.class);
                if (!kept.contains(labels.get(a.id()))) {
                    continue;
                }
                in.pipeInput(a.id(), Json.writeBytes(a));
                sent++;
                for (var kv : out.readKeyValuesToList()) {
                    EnrichedArticle e = kv.value;
                    predicted.put(e.id(), e.storyId());
                }
                for (var kv : storiesOut.readKeyValuesToList()) {
                    table.put(kv.key, kv.value);
                }
            }
        } finally {
            deleteQuietly(state);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf(java.util.Locale.ROOT, "%d articles in %.1f s (%.0f articles/s, test driver)%n",
                sent, seconds, sent / seconds);
        StoryTable stories = new StoryTable(table.values());
        Map<String, String> finalStories = new LinkedHashMap<>();
        int unlisted = 0;
        for (var e : predicted.entrySet()) {
            String story = stories.finalStory(e.getKey(), e.getValue());
            if (story == null) {
                throw new IllegalStateException("article " + e.getKey() + " resolves to no live story");
            }
            unlisted += stories.lists(e.getKey()) ? 0 : 1;
            finalStories.put(e.getKey(), story);
        }
        System.err.printf(java.util.Locale.ROOT, "%d live stories, %d absorbed; %d articles resolved through their "
                + "recorded story id (not listed: past the cap or not on the table)%n",
                stories.live().size(), stories.redirects().size(), unlisted);
        System.err.println("first assignment (news.enriched.v1): " + ClusteringScores.of(predicted, labels).line());
        System.out.println(ClusteringScores.of(finalStories, labels).line());
        return 0;
    }

    /** The gold cluster ids of {@code half}; the in-memory story harness of the benchmarks module uses it too. */
    public static Set<String> keptClusters(java.util.Collection<String> clusters, Half half, long seed) {
        List<String> ids = new ArrayList<>(new TreeSet<>(clusters));
        if (half == Half.all) {
            return new HashSet<>(ids);
        }
        if (half == Half.even || half == Half.odd) {
            int want = half == Half.even ? 0 : 1;
            Set<String> out = new HashSet<>();
            for (String id : ids) {
                try {
                    if (Math.floorMod(Long.parseLong(id), 2) == want) {
                        out.add(id);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--half even|odd needs numeric gold cluster ids, got " + id);
                }
            }
            return out;
        }
        Collections.shuffle(ids, new Random(seed));
        int mid = ids.size() / 2;
        return new HashSet<>(half == Half.a ? ids.subList(0, mid) : ids.subList(mid, ids.size()));
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (Exception ignored) {
            // a temp dir left behind is harmless
        }
    }
}
