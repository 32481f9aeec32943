package io.wirewatch.ingest.extract;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan's hand-written matches find what jsoup's selectors find, so the single walk changes no field. */
class PageScanTest {

    private static void assertSameAsSelectors(Document doc) {
        PageScan scan = PageScan.of(doc);
        assertThat(scan.firstH1).isSameAs(doc.selectFirst("h1"));
        assertThat(scan.html).isSameAs(doc.selectFirst("html"));
        assertThat(scan.itempropDate).isSameAs(doc.selectFirst("[itemprop=datePublished]"));
        assertThat(scan.author).isSameAs(doc.selectFirst("[rel=author], [itemprop=author] [itemprop=name], [itemprop=author]"));
        assertThat(scan.byline).isSameAs(doc.selectFirst("[class~=(?i)byline|author-name|article-author], [id~=(?i)byline]"));
        assertThat(scan.contentLanguage).isSameAs(doc.selectFirst("meta[http-equiv~=(?i)^content-language$]"));
        Element article = doc.selectFirst("article");
        assertThat(scan.time()).isSameAs((article != null ? article : doc).selectFirst("time[datetime]"));
        assertThat(scan.ldScripts).containsExactlyElementsOf(doc.select("script[type*='application/ld+json']"));
    }

    @Test
    void matchesTheSelectorsOnHandMadePages() {
        assertSameAsSelectors(Jsoup.parse("<html lang=de><head><meta http-equiv='Content-Language' content='de'></head>"
                + "<body><div itemprop=author><span itemprop=name>A. Writer</span></div>"
                + "<p class='post-BYLINE'>By B</p><time datetime='2025-01-01'>x</time>"
                + "<article><h1>Title</h1><time datetime='2025-02-02'>y</time><a rel=' Author '>C</a></article>"
                + "<span id='main-byline'>D</span><span itemprop=' datePublished '>2025-03-03</span></body></html>"));
        // only ASCII letters fold in a (?i) regex: the Kelvin sign and dotless i are not k and i
        assertThat(PageScan.of(Jsoup.parse("<p class='BYL\u0131NE author-na\u212Ae'>x</p>")).byline).isNull();
        assertSameAsSelectors(Jsoup.parse("<p class='BYL\u0131NE'>x</p><p id='ByLine'>y</p>"));
        assertSameAsSelectors(Jsoup.parse("<time datetime=1>a</time><article><p>no time here</p></article>"));
        assertSameAsSelectors(Jsoup.parse(""));
    }

    @Test
    void matchesTheSelectorsOnTheDevPages() throws Exception {
        String shared = System.getProperty("wirewatch.shared");
        Path html = shared == null ? null : Path.of(shared, "eval", "extraction", "html");
        Assumptions.assumeTrue(html != null && Files.isDirectory(html),
                "extraction dev set not found (system property wirewatch.shared=" + shared + "): skipping");
        int pages = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(html, "*.html.gz")) {
            for (Path f : files) {
                byte[] body;
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    body = in.readAllBytes();
                }
                assertSameAsSelectors(Jsoup.parse(new ByteArrayInputStream(body), "UTF-8", ""));
                pages++;
            }
        }
        assertThat(pages).isPositive();
    }

    @Test
    void datesFormatAsTheJavaTimeFormatters() {
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            LocalDateTime t = LocalDateTime.of(1990 + r.nextInt(40), 1 + r.nextInt(12), 1 + r.nextInt(28),
                    r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextBoolean() ? 0 : r.nextInt(1_000_000_000));
            String frac = t.getNano() == 0 ? "" : "." + String.format("%09d", t.getNano()).substring(0, 1 + r.nextInt(9));
            String local = String.format("%sT%02d:%02d:%02d%s", t.toLocalDate(), t.getHour(), t.getMinute(),
                    t.getSecond(), frac);
            LocalDateTime parsed = LocalDateTime.parse(local);
            assertThat(Dates.normalize(local)).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(parsed));
            ZoneOffset off = ZoneOffset.ofTotalSeconds((r.nextInt(25) - 12) * 3600 + (r.nextBoolean() ? 0 : 1800));
            String withOffset = local + (off.getTotalSeconds() == 0 && r.nextBoolean() ? "Z" : off.getId().equals("Z")
                    ? "+00:00" : off.getId());
            assertThat(Dates.normalize(withOffset))
                    .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.of(parsed, off)));
        }
        assertThat(Dates.normalize("2025-04-21T24:00:00Z")).isNull();
        assertThat(Dates.normalize("2025-04-21T09:30:00+19:00")).isNull();
        assertThat(Dates.normalize("21 Apr 2025 09:30 GMT")).isEqualTo("2025-04-21T09:30:00Z");
    }
}
