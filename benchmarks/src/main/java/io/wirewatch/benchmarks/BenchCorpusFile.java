package io.wirewatch.benchmarks;

import io.wirewatch.app.bench.CorpusGenerator;
import io.wirewatch.common.serde.Json;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the first N articles of {@code wirewatch bench}'s synthetic corpus (seed 7) in the import format, with
 * a gold file that gives each article its generated event, so that {@link StoryQuality} and
 * {@code wirewatch bench stories} can score clustering on long articles (the development set has title and
 * snippet only). The corpus is written by {@link CorpusGenerator}: a check of behaviour on long text, not a set
 * to tune on (BENCHMARKS.md, "Long articles").
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.wirewatch.benchmarks.BenchCorpusFile N FILE.jsonl GOLD.jsonl</pre>
 */
public final class BenchCorpusFile {

    private BenchCorpusFile() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BenchCorpusFile N FILE.jsonl GOLD.jsonl");
            System.exit(2);
        }
        long n = Long.parseLong(args[0]);
        CorpusGenerator g = new CorpusGenerator(7, n);
        try (BufferedWriter articles = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8);
             BufferedWriter gold = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
            while (g.hasNext()) {
                var a = g.next();
                articles.write(Json.write(a));
                articles.newLine();
                gold.write(Json.write(Map.of("id", a.id(), "cluster", g.lastEventId())));
                gold.newLine();
            }
        }
        System.err.println(g.summary());
    }
}
