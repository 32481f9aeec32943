package io.wirewatch.benchmarks;

import io.wirewatch.app.cli.BenchStoriesCommand;
import io.wirewatch.app.pipeline.StoryTable;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.Json;
import io.wirewatch.enrich.ArticleEnricher;
import io.wirewatch.enrich.stories.MapStoryStateStore;
import io.wirewatch.enrich.stories.StoryClusterer;
import io.wirewatch.enrich.stories.eval.ClusteringScores;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Story quality in memory: the same {@link StoryClusterer} as {@code wirewatch bench stories}, over maps instead
 * of the topology's stores, and the same final-table scoring ({@link StoryTable}), for the whole file and each
 * half in one run. It gives the topology's figures exactly (BENCHMARKS.md, "Stories") in seconds instead of
 * minutes, so that a change to the decision can be scored on all five rows side by side.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.wirewatch.benchmarks.StoryQuality FILE.jsonl GOLD.jsonl [HALF...]</pre>
 * HALF is {@code all}, {@code even}, {@code odd}, {@code a} or {@code b} (default: all five); one line per half.
 */
public final class StoryQuality {

    private StoryQuality() {}

    record Label(String id, String cluster) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: StoryQuality FILE.jsonl GOLD.jsonl [all|even|odd|a|b ...]");
            System.exit(2);
        }
        Map<String, String> labels = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    Label l = Json.read(line, Label.class);
                    labels.put(l.id(), l.cluster());
                }
            }
        }
        // entities and claims need no state: tag every article once, as tag-entities-and-claims does
        ArticleEnricher enricher = ArticleEnricher.withDefaultKnowledgeBase();
        List<EnrichedArticle> articles = new ArrayList<>();
        int dead = 0;
        try (BufferedReader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    articles.add(enricher.enrich(Json.read(line, RawArticle.class)));
                } catch (IllegalArgumentException e) {
                    dead++; // the topology sends these to news.dlq.v1
                }
            }
        }
        System.err.println(articles.size() + " articles tagged, " + dead + " to the dead-letter topic");
        List<String> halves = args.length > 2 ? List.of(args).subList(2, args.length)
                : List.of("all", "even", "odd", "a", "b");
        for (String h : halves) {
            BenchStoriesCommand.Half half = BenchStoriesCommand.Half.valueOf(h);
            Set<String> kept = BenchStoriesCommand.keptClusters(labels.values(), half, 7);
            long start = System.nanoTime();
            Map<String, String> finalStories = run(articles, labels, kept, StoryClusterer.Params.defaults());
            System.out.printf(Locale.ROOT, "%-4s %s (%.1f s)%n", h, ClusteringScores.of(finalStories, labels).line(),
                    (System.nanoTime() - start) / 1e9);
            String dump = System.getProperty("storyquality.dump");
            if (dump != null) {
                // one line per article: id, final story, gold story, headline (for error analysis)
                Map<String, String> titles = new HashMap<>();
                articles.forEach(a -> titles.put(a.id(), a.title()));
                List<String> lines = new ArrayList<>();
                finalStories.forEach((id, story) -> lines.add(id + "\t" + story + "\t" + labels.get(id) + "\t" + titles.get(id)));
                Files.write(Path.of(dump + "-" + h + ".tsv"), lines, StandardCharsets.UTF_8);
            }
        }
    }

    /** The final story of each article of the kept gold clusters, as {@code bench stories} resolves it. */
    static Map<String, String> run(List<EnrichedArticle> articles, Map<String, String> labels, Set<String> kept,
                                   StoryClusterer.Params params) {
        StoryClusterer clusterer = new StoryClusterer(new MapStoryStateStore(), params);
        Map<String, String> predicted = new LinkedHashMap<>();
        Map<String, Story> table = new HashMap<>();
        for (EnrichedArticle a : articles) {
            if (!kept.contains(labels.get(a.id()))) {
                continue;
            }
            StoryClusterer.Assignment as = clusterer.assign(a);
            predicted.put(a.id(), as.storyId());
            table.put(as.storyId(), as.story().toStory());
            as.redirects().forEach(s -> table.put(s.id(), s));
        }
        StoryTable stories = new StoryTable(table.values());
        Map<String, String> out = new LinkedHashMap<>();
        predicted.forEach((id, story) -> out.put(id, stories.finalStory(id, story)));
        return out;
    }
}
