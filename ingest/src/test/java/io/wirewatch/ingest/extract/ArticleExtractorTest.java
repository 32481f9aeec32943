package io.wirewatch.ingest.extract;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleExtractorTest {

    private final ArticleExtractor ex = new ArticleExtractor();

    private static final String PARAS = """
            <p>The ministry said on Monday that the ban, in force since 2003, would be lifted after a court ruling, officials confirmed.</p>
            <p>Lawyers for the movement had asked the court to review the designation, citing changes in the region, according to filings.</p>
            <h2>What happens next</h2>
            <p>The decision takes effect immediately, and the prosecutor's office will publish the full text of the ruling next week.</p>
            """;

    private static final String PAGE = """
            <!doctype html><html lang="en-GB"><head>
            <title>Court lifts ban | The Daily Example</title>
            <meta property="og:site_name" content="The Daily Example">
            <meta property="article:published_time" content="2025-04-21T09:30:00+03:00">
            <meta name="author" content="Jane Reporter">
            <link rel="canonical" href="/world/court-lifts-ban?utm_source=rss&amp;page=2">
            </head><body>
            <header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
            <div class="cookie-banner">We use cookies to improve your experience on this site, click accept to continue.</div>
            <main><article>
            <h1>Court lifts ban on movement</h1>
            <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
            <div class="article-body">
            """ + PARAS + """
            <figure><img src="x.jpg"><figcaption>A photo caption that is not article text at all, really.</figcaption></figure>
            </div>
            <aside class="related"><h3>Related</h3><p>Another story about something else entirely, with many words in it.</p></aside>
            </article></main>
            <div class="newsletter-signup"><p>Sign up for our newsletter to receive the latest news every morning, free.</p></div>
            <footer><p>Copyright The Daily Example, all rights reserved, do not reproduce without permission.</p></footer>
            <script>var x = "script text must not appear";</script>
            </body></html>
            """;

    @Test
    void keepsArticleParagraphsAndDropsBoilerplate() {
        ExtractedPage p = ex.extract(PAGE, "https://www.example.com/world/2025/04/21/court?utm_campaign=x");
        assertThat(p.text()).contains("The ministry said on Monday", "What happens next",
                "publish the full text of the ruling next week.");
        assertThat(p.text()).doesNotContain("Home", "cookies", "Share on", "photo caption", "Another story",
                "newsletter", "Copyright", "script text", "Court lifts ban on movement");
        assertThat(p.text().split("\n\n")).hasSize(4);
        assertThat(p.text().indexOf("ministry")).isLessThan(p.text().indexOf("What happens next"));
    }

    @Test
    void readsMetadata() {
        ExtractedPage p = ex.extract(PAGE, "https://www.example.com/world/court");
        assertThat(p.title()).isEqualTo("Court lifts ban on movement");
        assertThat(p.published()).isEqualTo("2025-04-21T09:30:00+03:00");
        assertThat(p.author()).isEqualTo("Jane Reporter");
        assertThat(p.outlet()).isEqualTo("The Daily Example");
        assertThat(p.lang()).isEqualTo("en");
        assertThat(p.canonicalUrl()).isEqualTo("https://www.example.com/world/court-lifts-ban?page=2");
        assertThat(p.url()).isEqualTo("https://www.example.com/world/court");
    }

    @Test
    void titleFromTitleTagWithoutSiteSuffixAndFallbacks() {
        String html = "<html><head><title>Ban on movement lifted by court - Example News</title></head><body>"
                + PARAS + "</body></html>";
        ExtractedPage p = ex.extract(html, "https://www.news.example.org/2024/12/05/story");
        assertThat(p.title()).isEqualTo("Ban on movement lifted by court");
        assertThat(p.published()).isEqualTo("2024-12-05"); // from the URL path
        assertThat(p.outlet()).isEqualTo("news.example.org");
        assertThat(p.lang()).isNull();
        assertThat(p.author()).isNull();
        assertThat(p.canonicalUrl()).isEqualTo("https://www.news.example.org/2024/12/05/story");
    }

    @Test
    void jsonLdWinsForHeadlineDateAuthorPublisherAndBody() {
        String body = "The full article body from structured data. ".repeat(10).trim();
        String html = """
                <html><head><script type="application/ld+json">
                {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
                 {"@type":"NewsArticle","headline":"Structured headline","datePublished":"2025-04-17",
                  "author":[{"@type":"Person","name":"A. One"},{"@type":"Person","name":"B. Two"}],
                  "publisher":{"@type":"Organization","name":"Example Wire"},
                  "articleBody":"%s"}]}
                </script></head><body><h1>Visible</h1><p>Short teaser text only in the page body here.</p></body></html>
                """.formatted(body);
        ExtractedPage p = ex.extract(html, "https://example.com/x");
        assertThat(p.title()).isEqualTo("Structured headline");
        assertThat(p.published()).isEqualTo("2025-04-17");
        assertThat(p.author()).isEqualTo("A. One, B. Two");
        assertThat(p.outlet()).isEqualTo("Example Wire");
        assertThat(p.text()).isEqualTo(body);
    }

    @Test
    void timeElementAndBylineFallbacks() {
        String html = "<html><body><article><h1>Headline here</h1><span class=\"byline\">By Sam Writer</span>"
                + "<time datetime=\"2025-03-02T10:00:00Z\">2 March</time>" + PARAS + "</article></body></html>";
        ExtractedPage p = ex.extract(html, "https://example.com/x");
        assertThat(p.published()).isEqualTo("2025-03-02T10:00:00Z");
        assertThat(p.author()).isEqualTo("Sam Writer");
        assertThat(p.title()).isEqualTo("Headline here");
    }

    @Test
    void decodesMetaCharsetWindows1251() {
        Charset cp1251 = Charset.forName("windows-1251");
        String text = "Верховный суд России приостановил запрет на деятельность движения, сообщили в ведомстве.";
        String html = "<html><head><meta charset=\"windows-1251\"><title>Новости</title></head><body><p>" + text
                + "</p></body></html>";
        ExtractedPage p = ex.extract(html.getBytes(cp1251), "text/html", "https://example.ru/a");
        assertThat(p.text()).isEqualTo(text);
        // the same bytes read as UTF-8 would be mojibake: the charset decision is what makes this pass
        assertThat(new String(html.getBytes(cp1251), StandardCharsets.UTF_8)).doesNotContain("Верховный");
    }

    @Test
    void headerCharsetBeatsMetaAndBomBeatsBoth() {
        Charset cp1251 = Charset.forName("windows-1251");
        String text = "Суд снял запрет на деятельность движения после долгого рассмотрения дела.";
        String html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-5\">"
                + "</head><body><p>" + text + "</p></body></html>";
        assertThat(ex.extract(html.getBytes(cp1251), "text/html; charset=windows-1251", "https://e.ru/a").text())
                .isEqualTo(text);
        byte[] utf8 = html.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        assertThat(ex.extract(bom, "text/html; charset=windows-1251", "https://e.ru/a").text()).isEqualTo(text);
    }

    @Test
    void malformedInputNeverThrows() {
        Random rnd = new Random(42);
        String[] bits = {"<div", "<p>", "</p>", "<script>", "</", "<article class=", "\"", ">", "text, more text ",
                "<!--", "&amp", "<table><tr><td>", "\u0000", "<script type=\"application/ld+json\">{\"@type\":"};
        for (int i = 0; i < 300; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < 60; j++) {
                b.append(bits[rnd.nextInt(bits.length)]);
            }
            ExtractedPage p = ex.extract(b.toString(), i % 2 == 0 ? "https://e.com/x" : null);
            assertThat(p.text()).isNotNull();
            byte[] raw = new byte[200];
            rnd.nextBytes(raw);
            assertThat(ex.extract(raw, i % 3 == 0 ? "text/html; charset=bogus-charset" : null, "::bad url::").text())
                    .isNotNull();
        }
        assertThat(ex.extract((String) null, null).text()).isEmpty();
        assertThat(ex.extract((byte[]) null, null, null).text()).isEmpty();
        assertThat(ex.extract("", "https://e.com/").text()).isEmpty();
    }

    @Test
    void deeplyNestedHtmlIsHandled() {
        String html = "<div>".repeat(5000) + "<p>Deep paragraph with enough words to count as article prose.</p>"
                + "</div>".repeat(5000);
        assertThat(ex.extract(html, "https://e.com/x").text()).isNotNull();
    }

    @Test
    void splitArticleBodyIsJoined() {
        String part = "<div class=\"text-block\"><p>Paragraph %d of the story, with enough words, commas, and detail to count.</p></div>";
        String html = "<html><body><div>" + part.formatted(1)
                + "<div class=\"promo\"><ul><li><a href=\"/x\">Teaser one headline</a></li></ul></div>"
                + part.formatted(2) + "<div class=\"photo\"><img src=a.jpg></div>" + part.formatted(3)
                + "</div></body></html>";
        String text = ex.extract(html, "https://e.com/x").text();
        assertThat(text).contains("Paragraph 1", "Paragraph 2", "Paragraph 3").doesNotContain("Teaser");
    }

    @Test
    void datesNormalise() {
        assertThat(Dates.normalize("2025-04-21T09:30:00+0300")).isEqualTo("2025-04-21T09:30:00+03:00");
        assertThat(Dates.normalize("2025-04-21 09:30")).isEqualTo("2025-04-21T09:30:00");
        assertThat(Dates.normalize("2025-04-21")).isEqualTo("2025-04-21");
        assertThat(Dates.normalize("2025-04-21T09:30:00.123Z")).isEqualTo("2025-04-21T09:30:00.123Z");
        assertThat(Dates.normalize("Mon, 21 Apr 2025 09:30:00 GMT")).isEqualTo("2025-04-21T09:30:00Z");
        assertThat(Dates.normalize("yesterday")).isNull();
        assertThat(Dates.fromUrlPath("https://e.com/2025/04/21/story")).isEqualTo("2025-04-21");
        assertThat(Dates.fromUrlPath("https://e.com/2025/13/21/story")).isNull();
    }
    @Test
    void datelineIsTheLastResortForThePublishDate() {
        assertThat(Dates.fromDateline("MOSCOW, April 21, 2025 (Agency) - The court lifted the ban.")).isEqualTo("2025-04-21");
        assertThat(Dates.fromDateline("KABUL, 3 Sept 2024 — Officials said...")).isEqualTo("2024-09-03");
        // a date after the first sentence is about the story, not the article
        assertThat(Dates.fromDateline("The court met again. It had ruled on April 17, 2025.")).isNull();
        assertThat(Dates.fromDateline("Feb 30, 2025: nothing")).isNull();
        String page = "<html><body><article><p>BERLIN, March 3, 2025 (Wire) - The ministry banned the group on Monday, "
                + "officials said, and the order took effect at once.</p></article></body></html>";
        assertThat(ex.extract(page, "https://e.com/news/ban").published()).isEqualTo("2025-03-03");
        // any machine-readable date wins over the dateline
        assertThat(ex.extract(page.replace("<html>", "<html><head><meta name=\"date\" content=\"2025-03-04\"></head>"),
                "https://e.com/news/ban").published()).isEqualTo("2025-03-04");
    }

    @Test
    void undeclaredCharsetIsDetected() {
        String text = "Верховный суд России исключил движение из списка запрещённых организаций в четверг.";
        byte[] cp1251 = ("<html><body><p>" + text + "</p></body></html>").getBytes(Charset.forName("windows-1251"));
        assertThat(Charsets.detect(cp1251, null).name()).isEqualTo("windows-1251");
        assertThat(ex.extract(cp1251, null, "https://e.ru/a").text()).isEqualTo(text);
        byte[] utf8 = ("<html><body><p>" + text + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        assertThat(Charsets.detect(utf8, "text/html")).isEqualTo(StandardCharsets.UTF_8);
    }
}
