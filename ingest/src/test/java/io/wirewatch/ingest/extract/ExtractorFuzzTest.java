package io.wirewatch.ingest.extract;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Property tests over generated pages (seeded, so a failure replays): random trees of real tags with
 * boilerplate and article class names, unclosed and stray tags, entities, comments, broken JSON-LD,
 * deep nesting and raw bytes in several charsets. The extractor must never throw, never hang (a
 * generous per-page bound: a hang check, not a speed test), be deterministic, and never invent text.
 */
class ExtractorFuzzTest {

    private static final String[] TAGS = {"div", "p", "span", "a", "article", "section", "main", "aside", "nav",
            "footer", "header", "ul", "li", "table", "tr", "td", "h1", "h2", "blockquote", "pre", "figure",
            "figcaption", "form", "script", "style", "time", "br", "img", "iframe", "noscript", "template", "svg"};
    private static final String[] CLASSES = {"article-body", "content", "related", "share", "sidebar", "comments",
            "post", "story", "nav", "ad", "byline", "teaser", "card", "main", "text", "x_y-z", "", "hidden"};
    private static final String[] WORDS = {"the", "court", "lifted", "ban", "on", "Thursday,", "officials", "said.",
            "ministry", "designation", "Россия", "東京", "2025", "&amp;", "&nbsp;", "&#x41;", "&bogus;", "<", ">", "\"",
            "'", "—", "\u200b", "\t", "\n"};

    private static String randomPage(Random r, boolean withJsonLd) {
        StringBuilder b = new StringBuilder();
        if (r.nextBoolean()) {
            b.append("<!doctype html>");
        }
        b.append("<html").append(r.nextBoolean() ? " lang=\"en\"" : "").append("><head><title>");
        words(r, b, 1 + r.nextInt(8));
        b.append("</title>");
        if (withJsonLd) {
            b.append("<script type=\"application/ld+json\">")
                    .append(r.nextBoolean() ? "{\"@type\":\"NewsArticle\",\"headline\":\"H\"," : "{\"@graph\":[")
                    .append(r.nextBoolean() ? "\"datePublished\":\"2025-13-45\"}" : "")
                    .append("</script>");
        }
        b.append("</head><body>");
        tree(r, b, 0, 3 + r.nextInt(8));
        if (r.nextInt(4) == 0) {
            b.append("</div></p></article>"); // stray closers
        }
        if (r.nextInt(3) > 0) {
            b.append("</body></html>");
        }
        return b.toString();
    }

    private static void tree(Random r, StringBuilder b, int depth, int maxDepth) {
        int children = 1 + r.nextInt(5);
        for (int i = 0; i < children; i++) {
            switch (r.nextInt(10)) {
                case 0, 1, 2 -> words(r, b, 3 + r.nextInt(40));
                case 3 -> b.append("<!-- ").append(r.nextBoolean() ? "comment -->" : "unclosed comment ");
                default -> {
                    String tag = TAGS[r.nextInt(TAGS.length)];
                    b.append('<').append(tag);
                    if (r.nextBoolean()) {
                        b.append(" class=\"").append(CLASSES[r.nextInt(CLASSES.length)]).append('"');
                    }
                    if (r.nextInt(5) == 0) {
                        b.append(r.nextBoolean() ? " hidden" : " style=\"display: none\"");
                    }
                    if (tag.equals("a")) {
                        b.append(" href=\"").append(r.nextBoolean() ? "/x" : "javascript:void(0)").append('"');
                    }
                    b.append('>');
                    if (depth < maxDepth) {
                        tree(r, b, depth + 1, maxDepth);
                    }
                    if (r.nextInt(6) > 0) {
                        b.append("</").append(tag).append('>');
                    }
                }
            }
        }
    }

    private static void words(Random r, StringBuilder b, int n) {
        for (int i = 0; i < n; i++) {
            b.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
        }
    }

    @Test
    void generatedPagesNeverThrowNeverHangAndNeverInventText() {
        ArticleExtractor ex = new ArticleExtractor();
        Random r = new Random(20251201);
        Charset[] charsets = {StandardCharsets.UTF_8, Charset.forName("windows-1251"), StandardCharsets.UTF_16LE,
                StandardCharsets.ISO_8859_1};
        for (int i = 0; i < 400; i++) {
            String html = randomPage(r, false);
            Charset cs = charsets[r.nextInt(charsets.length)];
            byte[] bytes = html.getBytes(cs);
            String contentType = r.nextBoolean() ? "text/html; charset=" + cs.name() : null;
            String url = "https://example.org/a/" + i;
            ExtractedPage p = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> ex.extract(bytes, contentType, url), () -> "page " + url + ": " + html);
            assertThat(p.text()).isNotNull();
            ExtractedPage fromString = ex.extract(html, "https://example.org/a/" + i);
            // deterministic, and every word of the output is a word of the page
            assertThat(ex.extract(html, "https://example.org/a/" + i)).isEqualTo(fromString);
            Set<String> pageTokens = new HashSet<>(ExtractionEval.tokens(org.jsoup.Jsoup.parse(html).text()));
            assertThat(pageTokens).as("page %d", i).containsAll(ExtractionEval.tokens(fromString.text()));
        }
    }

    @Test
    void brokenJsonLdAndRandomBytesNeverThrow() {
        ArticleExtractor ex = new ArticleExtractor();
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            String html = randomPage(r, true);
            assertThat(ex.extract(html, i % 2 == 0 ? null : "::not a url::").text()).isNotNull();
            byte[] raw = new byte[r.nextInt(20_000)];
            r.nextBytes(raw);
            ExtractedPage p = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ex.extract(raw, null, null));
            assertThat(p.text()).isNotNull();
        }
    }

    @Test
    void pathologicalShapesFinish() {
        ArticleExtractor ex = new ArticleExtractor();
        String[] pages = {
                "<p>" + "word, ".repeat(200_000) + "</p>", // one huge paragraph
                "<div class=a>".repeat(20_000) + "<p>deep text with enough words in it to count as prose.</p>",
                "<table>".repeat(3_000) + "<td>cell text in a deeply nested table layout page</td>",
                "<a href=/>link</a> ".repeat(50_000), // a link farm
                "<span>x</span>".repeat(100_000),
                "<p>" + "&amp;&lt;&#x10FFFF;&#0;&#xD800;".repeat(20_000) + "</p>",
        };
        for (String html : pages) {
            ExtractedPage p = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> ex.extract(html, "https://e.org/"));
            assertThat(p.text()).isNotNull();
        }
    }
}
