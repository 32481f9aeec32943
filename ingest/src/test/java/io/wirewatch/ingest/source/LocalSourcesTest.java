package io.wirewatch.ingest.source;

import io.wirewatch.common.model.RawArticle;
import io.wirewatch.ingest.ArticleIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSourcesTest {

    private final LocalSources sources = new LocalSources();
    private final List<LocalSources.Failure> failures = new ArrayList<>();

    @Test
    void txtWithHeadlineTitle(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "Russia Lifts Ban on Movement\n\nOn April 17, the court suspended the ban.\nMore text.\n");
        List<RawArticle> out = sources.read(f, failures::add);
        assertThat(failures).isEmpty();
        assertThat(out).hasSize(1);
        RawArticle a = out.get(0);
        assertThat(a.title()).isEqualTo("Russia Lifts Ban on Movement");
        assertThat(a.text()).isEqualTo("On April 17, the court suspended the ban.\nMore text.");
        assertThat(a.url()).isEqualTo(f.toAbsolutePath().toUri().toString());
        assertThat(a.canonicalUrl()).isEqualTo(a.url());
        assertThat(a.id()).isEqualTo(ArticleIds.fromCanonicalUrl(a.canonicalUrl()));
        assertThat(a.published()).isNull();
        assertThat(a.fetched()).isNotBlank();
    }

    @Test
    void txtWithoutTitleAndWithLeadingDateToken(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.txt");
        Files.writeString(f, " date 2025-04-21 The majority of the world sees it one way. But not all.\nSecond line.");
        RawArticle a = sources.read(f, failures::add).get(0);
        assertThat(a.title()).isNull();
        assertThat(a.published()).isEqualTo("2025-04-21");
        assertThat(a.text()).startsWith("The majority of the world").doesNotContain("date 2025");
    }

    @Test
    void longFirstLineIsNotATitle() {
        RawArticle a = LocalSources.fromText("The Taliban movement has been banned in Russia since 2003, and today the "
                + "court considered a request to lift it.\nMore.", "file:/x.txt");
        assertThat(a.title()).isNull();
        assertThat(a.text()).startsWith("The Taliban movement");
    }

    @Test
    void trailingHeadlineListIsDropped() {
        RawArticle a = LocalSources.fromText("Title Here\nBody sentence one.\nBody two.\nLatest news\n- One headline\n"
                + "- Two headline\n- Three headline\n", "file:/x.txt");
        assertThat(a.text()).isEqualTo("Body sentence one.\nBody two.");
        RawArticle kept = LocalSources.fromText("Title Here\nSteps:\n- one\n- two\n", "file:/y.txt");
        assertThat(kept.text()).contains("- two");
    }

    @Test
    void jsonlLinesWithBrokenOnesReported(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("import.jsonl");
        Files.writeString(f, String.join("\n",
                "{\"id\":\"given-1\",\"url\":\"https://www.example.com/a?utm_source=x\",\"outlet\":\"Ex\",\"title\":\"A\",\"published\":\"2025-04-21\",\"text\":\"Text A\"}",
                "{not json",
                "",
                "{\"url\":\"https://www.example.com/b\",\"title\":\"B\",\"text\":\"Text B\"}",
                "{\"title\":\"no url\",\"text\":\"x\"}",
                "[1,2]"));
        List<RawArticle> out = sources.read(f, failures::add);
        assertThat(out).hasSize(2);
        RawArticle a = out.get(0);
        assertThat(a.id()).isEqualTo("given-1");
        assertThat(a.canonicalUrl()).isEqualTo("https://www.example.com/a");
        assertThat(a.outlet()).isEqualTo("Ex");
        assertThat(a.published()).isEqualTo("2025-04-21");
        RawArticle b = out.get(1);
        assertThat(b.id()).isEqualTo(ArticleIds.fromCanonicalUrl("https://www.example.com/b"));
        assertThat(b.outlet()).isEqualTo("example.com");
        assertThat(b.published()).isNull();
        assertThat(failures).extracting(LocalSources.Failure::reason)
                .anyMatch(r -> r.startsWith("line 2:"))
                .anyMatch(r -> r.startsWith("line 5:") && r.contains("url"))
                .anyMatch(r -> r.startsWith("line 6:"))
                .hasSize(3);
    }

    @Test
    void directoryIsReadRecursivelyInPathOrderAndHtmlExtracted(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/z.html"), "<html lang=\"de\"><head><title>Gericht hebt Verbot auf - Zeitung</title>"
                + "<link rel=canonical href=\"https://zeitung.example/verbot\"></head><body><p>Das Gericht hat das Verbot "
                + "aufgehoben, wie das Ministerium mitteilte, und die Entscheidung gilt sofort.</p></body></html>");
        Files.writeString(dir.resolve("a.txt"), "Headline\nBody text here.");
        Files.writeString(dir.resolve("ignored.pdf"), "nope");
        Files.writeString(dir.resolve("empty.htm"), "<html><body><nav>menu only</nav></body></html>");
        List<RawArticle> out = sources.read(dir, failures::add);
        assertThat(out).extracting(RawArticle::title).containsExactly("Headline", "Gericht hebt Verbot auf");
        RawArticle html = out.get(1);
        assertThat(html.lang()).isEqualTo("de");
        assertThat(html.canonicalUrl()).isEqualTo("https://zeitung.example/verbot");
        assertThat(html.id()).isEqualTo(ArticleIds.fromCanonicalUrl("https://zeitung.example/verbot"));
        assertThat(html.url()).startsWith("file:");
        assertThat(html.text()).startsWith("Das Gericht hat das Verbot");
        assertThat(failures).extracting(LocalSources.Failure::source).containsExactly(dir.resolve("empty.htm").toString());
    }

    @Test
    void missingPathIsAFailureNotAnException() {
        List<RawArticle> out = sources.read(Path.of("/nonexistent/wirewatch/x.txt"), failures::add);
        assertThat(out).isEmpty();
        assertThat(failures).hasSize(1);
    }

    @Test
    void isLocalDistinguishesPathsFromUrls(@TempDir Path dir) throws Exception {
        Path urls = dir.resolve("x.urls");
        Files.writeString(urls, "https://a/");
        assertThat(LocalSources.isLocal(dir.toString())).isTrue();
        assertThat(LocalSources.isLocal(urls.toString())).isFalse();
        assertThat(LocalSources.isLocal("https://example.com/feed.xml")).isFalse();
    }
}
