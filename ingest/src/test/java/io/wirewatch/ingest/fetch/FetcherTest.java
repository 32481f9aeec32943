package io.wirewatch.ingest.fetch;

import io.wirewatch.ingest.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class FetcherTest {

    private static final String HTML = "<html><body><p>hello</p></body></html>";
    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        http = new TestHttp();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void fetchesWithUserAgentAndReturnsHeaders() {
        http.on("/a", ex -> {
            ex.getResponseHeaders().set("ETag", "\"v1\"");
            ex.getResponseHeaders().set("Last-Modified", "Mon, 21 Apr 2025 09:30:00 GMT");
            TestHttp.send(ex, 200, "text/html; charset=utf-8", HTML.getBytes(StandardCharsets.UTF_8));
        });
        FetchResult r = new Fetcher(TestHttp.fastConfig()).fetch(http.url("/a"));
        assertThat(r.ok()).isTrue();
        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(HTML);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.etag()).isEqualTo("\"v1\"");
        assertThat(r.lastModified()).isEqualTo("Mon, 21 Apr 2025 09:30:00 GMT");
        assertThat(http.hits).filteredOn(h -> h.path().equals("/a")).first()
                .extracting(TestHttp.Hit::userAgent).isEqualTo(FetchConfig.DEFAULT_USER_AGENT);
    }

    @Test
    void conditionalGetGives304WithEmptyBody() {
        http.on("/c", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                ex.close();
            } else {
                TestHttp.send(ex, 200, "text/html", HTML.getBytes(StandardCharsets.UTF_8));
            }
        });
        FetchResult r = new Fetcher(TestHttp.fastConfig()).fetch(http.url("/c"), "\"v1\"", "Mon, 21 Apr 2025 09:30:00 GMT");
        assertThat(r.status()).isEqualTo(304);
        assertThat(r.error()).isNull();
        assertThat(r.notModified()).isTrue();
        assertThat(r.body()).isEmpty();
    }

    @Test
    void robotsDisallowIsHonouredAndCached() {
        http.text("/robots.txt", 200, "text/plain", "User-agent: *\nDisallow: /private/\n");
        http.text("/private/x", 200, "text/html", HTML);
        http.text("/public/x", 200, "text/html", HTML);
        Fetcher f = new Fetcher(TestHttp.fastConfig());
        FetchResult r = f.fetch(http.url("/private/x"));
        assertThat(r.error()).startsWith("robots-disallowed");
        assertThat(r.reasonCode()).isEqualTo("robots-disallowed");
        assertThat(http.count("/private/x")).isZero();
        assertThat(f.fetch(http.url("/public/x")).ok()).isTrue();
        assertThat(http.count("/robots.txt")).isEqualTo(1);
    }

    @Test
    void robotsGroupForOurProductTokenWins() {
        http.text("/robots.txt", 200, "text/plain", "User-agent: wirewatch\nDisallow: /\n\nUser-agent: *\nAllow: /\n");
        http.text("/x", 200, "text/html", HTML);
        assertThat(new Fetcher(TestHttp.fastConfig()).fetch(http.url("/x")).reasonCode()).isEqualTo("robots-disallowed");
    }

    @Test
    void missingRobotsAllowsAll() {
        http.text("/x", 200, "text/html", HTML); // /robots.txt is 404 from the server
        assertThat(new Fetcher(TestHttp.fastConfig()).fetch(http.url("/x")).ok()).isTrue();
    }

    @Test
    void crawlDelayIsHonoured() {
        http.text("/robots.txt", 200, "text/plain", "User-agent: *\nCrawl-delay: 1\n");
        http.text("/x", 200, "text/html", HTML);
        Fetcher f = new Fetcher(TestHttp.fastConfig());
        f.fetch(http.url("/x"));
        f.fetch(http.url("/x"));
        assertThat(gapMs("/x")).isGreaterThanOrEqualTo(950);
    }

    @Test
    void crawlDelayIsCapped() {
        http.text("/robots.txt", 200, "text/plain", "User-agent: *\nCrawl-delay: 3600\n");
        http.text("/x", 200, "text/html", HTML);
        Fetcher f = new Fetcher(TestHttp.fastConfig().withMaxCrawlDelayMs(300));
        assertThat(f.fetch(http.url("/x")).ok()).isTrue();
        assertThat(f.fetch(http.url("/x")).ok()).isTrue();
        assertThat(gapMs("/x")).isBetween(280L, 2000L);
    }

    @Test
    void minimumDelayPerHost() {
        http.text("/x", 200, "text/html", HTML);
        Fetcher f = new Fetcher(TestHttp.fastConfig().withMinDelayPerHostMs(400));
        f.fetch(http.url("/x"));
        f.fetch(http.url("/x"));
        assertThat(gapMs("/x")).isGreaterThanOrEqualTo(380);
        Fetcher noDelay = new Fetcher(TestHttp.fastConfig());
        http.hits.clear();
        noDelay.fetch(http.url("/x"));
        noDelay.fetch(http.url("/x"));
        assertThat(gapMs("/x")).isLessThan(380);
    }

    @Test
    void retryAfterOn429IsHonouredThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        http.on("/busy", ex -> {
            if (calls.incrementAndGet() == 1) {
                ex.getResponseHeaders().set("Retry-After", "1");
                TestHttp.send(ex, 429, "text/plain", "slow down".getBytes(StandardCharsets.UTF_8));
            } else {
                TestHttp.send(ex, 200, "text/html", HTML.getBytes(StandardCharsets.UTF_8));
            }
        });
        FetchResult r = new Fetcher(TestHttp.fastConfig()).fetch(http.url("/busy"));
        assertThat(r.ok()).isTrue();
        assertThat(calls.get()).isEqualTo(2);
        assertThat(gapMs("/busy")).isGreaterThanOrEqualTo(950);
    }

    @Test
    void retriesAreBounded() {
        http.on("/down", ex -> {
            ex.getResponseHeaders().set("Retry-After", "0");
            TestHttp.send(ex, 503, "text/plain", "down".getBytes(StandardCharsets.UTF_8));
        });
        FetchResult r = new Fetcher(TestHttp.fastConfig().withMaxRetries(2)).fetch(http.url("/down"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.reasonCode()).isEqualTo("http-503");
        assertThat(http.count("/down")).isEqualTo(3);
    }

    @Test
    void redirectsAreFollowedUpToTheLimit() {
        chain("/ok", 3);
        http.text("/ok3", 200, "text/html", HTML);
        FetchResult ok = new Fetcher(TestHttp.fastConfig()).fetch(http.url("/ok0"));
        assertThat(ok.error()).isNull();
        assertThat(ok.finalUrl()).isEqualTo(http.url("/ok3"));
        assertThat(ok.url()).isEqualTo(http.url("/ok0"));
        chain("/far", 8);
        http.text("/far8", 200, "text/html", HTML);
        FetchResult tooMany = new Fetcher(TestHttp.fastConfig().withMaxRedirects(5)).fetch(http.url("/far0"));
        assertThat(tooMany.reasonCode()).isEqualTo("too-many-redirects");
        assertThat(http.count("/far8")).isZero();
        assertThat(http.count("/far5")).isEqualTo(1);
        assertThat(http.count("/far6")).isZero();
    }

    /** prefix0 -> prefix1 -> ... -> prefixN, as relative redirects. */
    private void chain(String prefix, int n) {
        for (int i = 0; i < n; i++) {
            String next = prefix + (i + 1);
            http.on(prefix + i, ex -> {
                ex.getResponseHeaders().set("Location", next);
                ex.sendResponseHeaders(302, -1);
                ex.close();
            });
        }
    }

    @Test
    void redirectLoopIsDetected() {
        http.on("/loopA", ex -> {
            ex.getResponseHeaders().set("Location", "/loopB");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        http.on("/loopB", ex -> {
            ex.getResponseHeaders().set("Location", "/loopA");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        FetchResult r = new Fetcher(TestHttp.fastConfig()).fetch(http.url("/loopA"));
        assertThat(r.reasonCode()).isEqualTo("redirect-loop");
        assertThat(http.count("/loopA")).isEqualTo(1);
    }

    @Test
    void endlessBodyIsCutAtTheCap() {
        http.on("/endless", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0); // chunked, no length
            byte[] chunk = new byte[8192];
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) {
                    out.write(chunk);
                }
            } catch (Exception e) {
                // the client hung up, as it should
            }
        });
        long t0 = System.nanoTime();
        FetchResult r = new Fetcher(TestHttp.fastConfig().withMaxBodyBytes(64 * 1024)).fetch(http.url("/endless"));
        assertThat(r.reasonCode()).isEqualTo("too-large");
        assertThat(r.body()).isEmpty();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5000);
    }

    @Test
    void declaredLengthOverTheCapIsRefused() {
        http.text("/big", 200, "text/html", "x".repeat(10_000));
        FetchResult r = new Fetcher(TestHttp.fastConfig().withMaxBodyBytes(1000)).fetch(http.url("/big"));
        assertThat(r.reasonCode()).isEqualTo("too-large");
    }

    @Test
    void gzipIsDecodedAndABombIsCapped() throws Exception {
        byte[] small = gzip(HTML.getBytes(StandardCharsets.UTF_8));
        byte[] bomb = gzip(new byte[5_000_000]); // ~5 KB on the wire
        http.on("/gz", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            TestHttp.send(ex, 200, "text/html", small);
        });
        http.on("/bomb", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            TestHttp.send(ex, 200, "text/html", bomb);
        });
        Fetcher f = new Fetcher(TestHttp.fastConfig().withMaxBodyBytes(100_000));
        assertThat(new String(f.fetch(http.url("/gz")).body(), StandardCharsets.UTF_8)).isEqualTo(HTML);
        FetchResult r = f.fetch(http.url("/bomb"));
        assertThat(bomb.length).isLessThan(100_000);
        assertThat(r.reasonCode()).isEqualTo("too-large");
    }

    @Test
    void slowBodyTimesOut() {
        http.on("/slow", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                // client gave up
            }
        });
        long t0 = System.nanoTime();
        FetchResult r = new Fetcher(TestHttp.fastConfig().withReadTimeout(Duration.ofMillis(700))).fetch(http.url("/slow"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.reasonCode()).isEqualTo("timeout");
        assertThat(ms).isLessThan(4000);
    }

    @Test
    void slowHeadersTimeOut() {
        http.on("/silent", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestHttp.send(ex, 200, "text/html", HTML.getBytes(StandardCharsets.UTF_8));
        });
        FetchResult r = new Fetcher(TestHttp.fastConfig().withReadTimeout(Duration.ofMillis(500))).fetch(http.url("/silent"));
        assertThat(r.reasonCode()).isEqualTo("timeout");
    }

    @Test
    void privateAddressesAreRefusedUnlessAllowed() {
        http.text("/x", 200, "text/html", HTML);
        FetchConfig strict = TestHttp.fastConfig().withAllowPrivateAddresses(false);
        FetchResult refused = new Fetcher(strict).fetch(http.url("/x"));
        assertThat(refused.reasonCode()).isEqualTo("private-address");
        assertThat(new Fetcher(strict).fetch("http://localhost:" + http.url("").split(":")[2] + "/x").reasonCode())
                .isEqualTo("private-address");
        assertThat(http.hits).isEmpty(); // not even robots.txt was requested
        assertThat(new Fetcher(TestHttp.fastConfig()).fetch(http.url("/x")).ok()).isTrue();
    }

    @Test
    void addressClassesThatAreRefused() {
        // the same check runs on every redirect hop (see Fetcher.checkTarget)
        for (String a : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "::1", "fe80::1", "fd00::1", "100.64.0.1", "0.0.0.0"}) {
            assertThat(Fetcher.isPrivate(addr(a))).as(a).isTrue();
        }
        for (String a : new String[] {"8.8.8.8", "93.184.216.34", "2606:4700::1111"}) {
            assertThat(Fetcher.isPrivate(addr(a))).as(a).isFalse();
        }
    }

    @Test
    void unsupportedSchemeAndBadUrl() {
        Fetcher f = new Fetcher(TestHttp.fastConfig());
        assertThat(f.fetch("ftp://example.com/x").reasonCode()).isEqualTo("unsupported-scheme");
        assertThat(f.fetch("http://exa mple.com/x").reasonCode()).isEqualTo("bad-url");
    }

    @Test
    void httpErrorsAreFailures() {
        http.text("/gone", 410, "text/html", "gone");
        FetchResult r = new Fetcher(TestHttp.fastConfig()).fetch(http.url("/gone"));
        assertThat(r.ok()).isFalse();
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.reasonCode()).isEqualTo("http-410");
    }

    private long gapMs(String path) {
        var hits = http.hits.stream().filter(h -> h.path().equals(path)).toList();
        assertThat(hits).hasSizeGreaterThanOrEqualTo(2);
        return (hits.get(1).nanos() - hits.get(0).nanos()) / 1_000_000;
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(b);
        }
        return bo.toByteArray();
    }
}
