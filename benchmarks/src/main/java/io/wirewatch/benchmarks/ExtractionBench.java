package io.wirewatch.benchmarks;

import io.wirewatch.ingest.extract.ArticleExtractor;
import org.jsoup.Jsoup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Main-text extraction against bare jsoup parsing of the same pages (issue 7: extraction at least half the
 * speed of parsing). One operation is one pass over every page of {@code eval/extraction/html}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExtractionBench {

    private final List<byte[]> pages = new ArrayList<>();
    private final ArticleExtractor extractor = new ArticleExtractor();

    @Setup
    public void load() throws IOException {
        Path dir = Shared.path("eval/extraction/html");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    pages.add(in.readAllBytes());
                }
            }
        }
        if (pages.isEmpty()) {
            throw new IllegalStateException("no pages in " + dir);
        }
    }

    @Benchmark
    public void extract(Blackhole bh) {
        for (byte[] page : pages) {
            bh.consume(extractor.extract(page, "text/html; charset=UTF-8", "https://example.org/article"));
        }
    }

    @Benchmark
    public void jsoupParse(Blackhole bh) throws IOException {
        for (byte[] page : pages) {
            // the charset the extractor is given, so both sides decode alike (null made jsoup sniff it)
            bh.consume(Jsoup.parse(new ByteArrayInputStream(page), "UTF-8", "https://example.org/article"));
        }
    }
}
