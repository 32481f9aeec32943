package io.wirewatch.ingest.source;

import io.wirewatch.ingest.TestHttp;
import io.wirewatch.ingest.fetch.Fetcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteSourcesTest {

    private TestHttp http;
    private Fetcher fetcher;
    private final RemoteSources sources = new RemoteSources();

    @BeforeEach
    void start() throws Exception {
        http = new TestHttp();
        fetcher = new Fetcher(TestHttp.fastConfig());
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void rssItemsWithDates() {
        http.text("/feed.xml", 200, "application/rss+xml", """
                <?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>http://x/</link>
                <item><title>A</title><link>/news/a</link><pubDate>Mon, 21 Apr 2025 09:30:00 GMT</pubDate></item>
                <item><title>B</title><link>https://other.example/b</link></item>
                </channel></rss>""");
        List<RemoteSources.Discovered> d = sources.discover(http.url("/feed.xml"), fetcher);
        assertThat(d).containsExactly(
                new RemoteSources.Discovered(http.url("/news/a"), http.url("/feed.xml"), "2025-04-21T09:30:00Z"),
                new RemoteSources.Discovered("https://other.example/b", http.url("/feed.xml"), null));
    }

    @Test
    void atomEntries() {
        http.text("/atom", 200, "application/atom+xml", """
                <?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
                <id>urn:x</id><updated>2025-04-21T10:00:00Z</updated>
                <entry><title>A</title><id>urn:a</id><link rel="alternate" href="https://example.org/a"/>
                <published>2025-04-20T08:00:00Z</published><updated>2025-04-21T10:00:00Z</updated></entry>
                </feed>""");
        assertThat(sources.discover(http.url("/atom"), fetcher)).containsExactly(
                new RemoteSources.Discovered("https://example.org/a", http.url("/atom"), "2025-04-20T08:00:00Z"));
    }

    /** Serves XML that declares an external entity pointing at a local secret file; the secret must never surface. */
    private void assertExternalEntityNotResolved(Path dir, String path, String contentType, String xmlWithSecretUri,
                                                 String codeWhenRefused) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOPSECRET");
        http.text(path, 200, contentType, xmlWithSecretUri.replace("SECRET_URI", secret.toUri().toString()));
        try {
            List<RemoteSources.Discovered> d = sources.discover(http.url(path), fetcher);
            assertThat(d).noneMatch(x -> x.url().contains("TOPSECRET"));
        } catch (RemoteSources.SourceException e) {
            assertThat(e.reasonCode()).isEqualTo(codeWhenRefused); // refusing the DOCTYPE outright is fine too
        }
    }

    @Test
    void feedWithExternalEntityIsNotResolved(@TempDir Path dir) throws Exception {
        assertExternalEntityNotResolved(dir, "/xxe", "application/rss+xml", """
                <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "SECRET_URI">]>
                <rss version="2.0"><channel><title>T</title><link>http://x/</link>
                <item><title>&xxe;</title><link>https://example.org/&xxe;</link></item></channel></rss>""", "bad-feed");
    }

    @Test
    void sitemapIndexWithNewsSitemapAndPlainSitemap() {
        http.text("/sitemap_index.xml", 200, "application/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <sitemap><loc>%s</loc></sitemap><sitemap><loc>%s</loc></sitemap></sitemapindex>"""
                .formatted(http.url("/news-sitemap.xml"), http.url("/pages.xml")));
        http.text("/news-sitemap.xml", 200, "application/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
                <url><loc>%s</loc><news:news><news:publication><news:name>X</news:name><news:language>en</news:language></news:publication>
                <news:publication_date>2025-04-21T09:30:00+03:00</news:publication_date><news:title>A</news:title></news:news></url>
                </urlset>""".formatted(http.url("/news/a")));
        http.text("/pages.xml", 200, "application/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <url><loc>%s</loc><lastmod>2025-04-19</lastmod></url><url><loc>%s</loc></url></urlset>"""
                .formatted(http.url("/p/1"), http.url("/p/2")));
        List<RemoteSources.Discovered> d = sources.discover(http.url("/sitemap_index.xml"), fetcher);
        assertThat(d).extracting(RemoteSources.Discovered::url)
                .containsExactlyInAnyOrder(http.url("/news/a"), http.url("/p/1"), http.url("/p/2"));
        assertThat(d).filteredOn(x -> x.url().endsWith("/news/a")).first()
                .extracting(RemoteSources.Discovered::published).isEqualTo("2025-04-21T09:30:00+03:00");
        // lastmod is when a page changed, not a publish date
        assertThat(d).filteredOn(x -> x.url().endsWith("/p/1")).first()
                .extracting(RemoteSources.Discovered::published).isNull();
        assertThat(d).filteredOn(x -> x.url().endsWith("/p/2")).first()
                .extracting(RemoteSources.Discovered::published).isNull();
    }

    @Test
    void urlsFileListsItsLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("list.urls");
        Files.writeString(f, "# my list\nhttps://a.example/1\n\n   https://b.example/2  \n#https://c.example/3\n");
        List<RemoteSources.Discovered> d = sources.discover(f.toString(), fetcher);
        assertThat(d).extracting(RemoteSources.Discovered::url).containsExactly("https://a.example/1", "https://b.example/2");
        assertThat(d).allMatch(x -> x.foundOn().equals(f.toString()) && x.published() == null);
        assertThat(http.hits).isEmpty();
    }

    @Test
    void anHtmlPageIsItselfTheArticle() {
        http.text("/story", 200, "text/html", "<html><body><p>Story</p></body></html>");
        assertThat(sources.discover(http.url("/story"), fetcher))
                .containsExactly(new RemoteSources.Discovered(http.url("/story"), http.url("/story"), null));
    }

    @Test
    void unreachableSourceRaisesWithReason() {
        http.text("/missing-feed", 404, "text/plain", "no");
        assertThatThrownBy(() -> sources.discover(http.url("/missing-feed"), fetcher))
                .isInstanceOf(RemoteSources.SourceException.class)
                .satisfies(e -> assertThat(((RemoteSources.SourceException) e).reasonCode()).isEqualTo("http-404"));
    }
    @Test
    void sitemapWithExternalEntityIsNotResolved(@TempDir Path dir) throws Exception {
        assertExternalEntityNotResolved(dir, "/sitemap.xml", "application/xml", """
                <?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "SECRET_URI">]>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <url><loc>https://example.org/&xxe;</loc></url><url><loc>https://example.org/b</loc></url></urlset>""",
                "bad-sitemap");
    }

    @Test
    void conditionalGetOnAFeedGivesNotModified() {
        String rss = """
                <?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>http://x/</link>
                <item><title>A</title><link>https://example.org/a</link></item></channel></rss>""";
        http.on("/feed", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().set("ETag", "\"v1\"");
            ex.getResponseHeaders().set("Last-Modified", "Mon, 21 Apr 2025 09:00:00 GMT");
            TestHttp.send(ex, 200, "application/rss+xml", rss.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        RemoteSources.Discovery first = sources.discover(http.url("/feed"), fetcher, null, null);
        assertThat(first.notModified()).isFalse();
        assertThat(first.urls()).hasSize(1);
        assertThat(first.etag()).isEqualTo("\"v1\"");
        assertThat(first.lastModified()).isEqualTo("Mon, 21 Apr 2025 09:00:00 GMT");
        RemoteSources.Discovery again = sources.discover(http.url("/feed"), fetcher, first.etag(), first.lastModified());
        assertThat(again.notModified()).isTrue();
        assertThat(again.urls()).isEmpty();
        assertThat(http.hits).filteredOn(h -> h.path().equals("/feed")).extracting(TestHttp.Hit::ifNoneMatch)
                .containsExactly(null, "\"v1\"");
    }

    @Test
    void robotsTxtSitemapLinesAreFollowed() {
        http.text("/robots.txt", 200, "text/plain", "User-agent: *\nAllow: /\nSitemap: " + http.url("/s1.xml") + "\n");
        http.text("/s1.xml", 200, "application/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s</loc></url></urlset>"""
                .formatted(http.url("/news/1")));
        assertThat(sources.discover(http.url("/robots.txt"), fetcher)).extracting(RemoteSources.Discovered::url)
                .containsExactly(http.url("/news/1"));
    }
}
