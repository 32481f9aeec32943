package io.wirewatch.ingest.extract;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExtractionEvalTest {

    /** The bar (the extractor reaches 0.978 on the dev set). */
    private static final double F1_FLOOR = 0.975;

    @Test
    void devSet() throws Exception {
        String shared = System.getProperty("wirewatch.shared");
        Path dir = shared == null ? null : Path.of(shared, "eval", "extraction");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir.resolve("html"))
                        && Files.exists(dir.resolve("ground-truth.json")),
                "extraction dev set not found (system property wirewatch.shared=" + shared
                        + " should point at the shared folder with eval/extraction): skipping");
        ExtractionEval.Result r = ExtractionEval.evaluate(dir.resolve("html"), dir.resolve("ground-truth.json"),
                new ArticleExtractor());
        System.out.printf("extraction dev set: pages=%d precision=%.3f recall=%.3f F1=%.3f accuracy=%.3f "
                        + "pages/s=%.1f jsoup pages/s=%.1f%n", r.pages(), r.precision(), r.recall(), r.f1(),
                r.accuracy(), r.pagesPerSecond(), r.jsoupPagesPerSecond());
        assertThat(r.pages()).isEqualTo(90);
        assertThat(r.f1()).isGreaterThanOrEqualTo(F1_FLOOR);
    }

    /** The --dump of bench extract: what two builds are compared by, so it must be complete and repeatable. */
    @Test
    void dumpHasEveryPageTwiceAndRepeatsByteForByte(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String shared = System.getProperty("wirewatch.shared");
        Path dir = shared == null ? null : Path.of(shared, "eval", "extraction");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir.resolve("html")),
                "extraction dev set not found (system property wirewatch.shared=" + shared + "): skipping");
        Path a = tmp.resolve("a.jsonl");
        Path b = tmp.resolve("b.jsonl");
        assertThat(ExtractionEval.dump(dir.resolve("html"), dir.resolve("ground-truth.json"), new ArticleExtractor(), a))
                .isEqualTo(90);
        ExtractionEval.dump(dir.resolve("html"), dir.resolve("ground-truth.json"), new ArticleExtractor(), b);
        List<String> lines = Files.readAllLines(a);
        assertThat(lines).hasSize(180);
        assertThat(lines.get(0)).contains("\"id\":", "\"contentType\":\"text/html; charset=utf-8\"", "\"title\":",
                "\"published\":", "\"text\":");
        assertThat(lines.get(1)).contains("\"contentType\":null");
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
    }

    @Test
    void tokensAreUnicodeWordRuns() {
        assertThat(ExtractionEval.tokens("Hello, world! it's 2025_04 — Привет мир; 東京 ½ Ⅻ"))
                .containsExactly("Hello", "world", "it", "s", "2025_04", "Привет", "мир", "東京", "½", "Ⅻ");
        assertThat(ExtractionEval.tokens("  ...  ")).isEmpty();
        assertThat(ExtractionEval.tokens(null)).isEmpty();
    }

    @Test
    void shinglesAreAMultisetOfFourTokenWindows() {
        assertThat(ExtractionEval.shingles(List.of("a", "b", "c", "d", "a", "b", "c", "d")))
                .containsEntry(List.of("a", "b", "c", "d"), 2)
                .containsEntry(List.of("b", "c", "d", "a"), 1)
                .hasSize(4);
        assertThat(ExtractionEval.shingles(List.of("a", "b"))).containsExactly(java.util.Map.entry(List.of("a", "b"), 1));
        assertThat(ExtractionEval.shingles(List.of())).isEmpty();
    }

    @Test
    void perPagePrecisionAndRecall() {
        // truth: 5 tokens -> 2 shingles; prediction adds 1 token -> 3 shingles, 2 shared
        ExtractionEval.PageScore s = ExtractionEval.score("a b c d e", "a b c d e f");
        assertThat(s.precision()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(s.recall()).isEqualTo(1.0);
        assertThat(s.exact()).isFalse();
        ExtractionEval.PageScore exact = ExtractionEval.score("One, two three.", "one two three".replace("one", "One"));
        assertThat(exact.precision()).isEqualTo(1.0);
        assertThat(exact.recall()).isEqualTo(1.0);
        assertThat(exact.exact()).isTrue();
        ExtractionEval.PageScore empty = ExtractionEval.score("a b c d e", "");
        assertThat(empty.precision()).isNull();
        assertThat(empty.recall()).isZero();
        ExtractionEval.PageScore miss = ExtractionEval.score("a b c d e", "a b c x e");
        assertThat(miss.precision()).isZero();
        assertThat(miss.recall()).isZero();
    }

    @Test
    void corpusMeansAndF1() {
        ExtractionEval.Result r = ExtractionEval.aggregate(List.of(
                new ExtractionEval.PageScore(1.0, 1.0, true),
                new ExtractionEval.PageScore(0.5, 0.5, false),
                new ExtractionEval.PageScore(null, 0.0, false))); // nothing extracted
        assertThat(r.pages()).isEqualTo(3);
        assertThat(r.precision()).isCloseTo(0.75, within(1e-9)); // over pages with output only
        assertThat(r.recall()).isCloseTo(0.5, within(1e-9)); // over all pages
        assertThat(r.f1()).isCloseTo(2 * 0.75 * 0.5 / 1.25, within(1e-9));
        assertThat(r.accuracy()).isCloseTo(1.0 / 3, within(1e-9));
    }
}
