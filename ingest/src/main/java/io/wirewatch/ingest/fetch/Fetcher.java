package io.wirewatch.ingest.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

/**
 * Polite, defensive HTTP fetching: robots.txt (RFC 9309, per host, cached), crawl-delay and a
 * minimum delay per host, Retry-After on 429/503 with bounded retries, manual redirects with the
 * address re-checked on every hop, a hard cap on body bytes (also after gzip decoding), and no
 * requests to private addresses unless configured.
 */
public final class Fetcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
    private static final long ROBOTS_TTL_MS = 24 * 3600_000L;
    /** RFC 9309: a server error on robots.txt means "assume disallowed"; retry it sooner than a good file. */
    private static final long ROBOTS_ERROR_TTL_MS = 60_000L;
    private static final long ROBOTS_MAX_BYTES = 500 * 1024;
    private static final long BACKOFF_BASE_MS = 500;

    /** Body reads have no timeout of their own in java.net.http; a watchdog closes stalled streams. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wirewatch-fetch-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final FetchConfig cfg;
    private final HttpClient client;
    private final Map<String, Robots> robots = new ConcurrentHashMap<>();
    private final Map<String, Long> nextAllowedNanos = new ConcurrentHashMap<>();
    private final Map<String, Object> hostLocks = new ConcurrentHashMap<>();

    private record Robots(BaseRobotRules rules, long expiresAtMs) {
    }

    /** One raw HTTP exchange. */
    private record Exchange(int status, HttpHeaders headers, byte[] body, String error) {
    }

    public Fetcher(FetchConfig cfg) {
        this.cfg = cfg;
        this.client = HttpClient.newBuilder()
                .connectTimeout(cfg.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // each hop is checked here
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public FetchConfig config() {
        return cfg;
    }

    public FetchResult fetch(String url) {
        return fetch(url, null, null);
    }

    /** Fetches a URL; never throws. A conditional GET answered with 304 gives status 304 and an empty body. */
    public FetchResult fetch(String url, String etag, String lastModified) {
        try {
            return doFetch(url, etag, lastModified);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FetchResult.failure(url, url, 0, "interrupted", null);
        } catch (RuntimeException e) {
            return FetchResult.failure(url, url, 0, "error", e.toString());
        }
    }

    private FetchResult doFetch(String url, String etag, String lastModified) throws InterruptedException {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return FetchResult.failure(url, url, 0, "bad-url", e.getMessage());
        }
        Set<String> visited = new HashSet<>();
        for (int hop = 0; ; hop++) {
            String current = uri.toString();
            String problem = checkTarget(uri);
            if (problem != null) {
                return FetchResult.failure(url, current, 0, problem.substring(0, problem.indexOf(':')),
                        problem.substring(problem.indexOf(':') + 1).trim());
            }
            if (!visited.add(current)) {
                return FetchResult.failure(url, current, 0, "redirect-loop", current);
            }
            BaseRobotRules rules = robotsFor(uri);
            if (!rules.isAllowed(current)) {
                return FetchResult.failure(url, current, 0, "robots-disallowed", current);
            }
            Exchange ex = exchangeWithRetries(uri, rules, etag, lastModified);
            if (ex.error() != null) {
                return FetchResult.failure(url, current, ex.status(), code(ex.error()), detail(ex.error()));
            }
            int s = ex.status();
            if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
                String location = ex.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    return FetchResult.failure(url, current, s, "bad-redirect", "no Location header");
                }
                if (hop >= cfg.maxRedirects()) {
                    return FetchResult.failure(url, current, s, "too-many-redirects",
                            "more than " + cfg.maxRedirects());
                }
                try {
                    uri = uri.resolve(URI.create(location.trim().replace(" ", "%20")));
                } catch (IllegalArgumentException e) {
                    return FetchResult.failure(url, current, s, "bad-redirect", location);
                }
                continue;
            }
            String ct = ex.headers().firstValue("Content-Type").orElse(null);
            String newEtag = ex.headers().firstValue("ETag").orElse(null);
            String newLm = ex.headers().firstValue("Last-Modified").orElse(null);
            String error = s == 304 || (s >= 200 && s < 300) ? null : "http-" + s;
            return new FetchResult(url, current, s, ct, ex.body(), newEtag, newLm, error);
        }
    }

    private static String code(String error) {
        int i = error.indexOf(": ");
        return i < 0 ? error : error.substring(0, i);
    }

    private static String detail(String error) {
        int i = error.indexOf(": ");
        return i < 0 ? null : error.substring(i + 2);
    }

    /** Null when the URL may be requested, else "code: detail". */
    private String checkTarget(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "unsupported-scheme: " + scheme;
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return "bad-url: no host in " + uri;
        }
        if (cfg.allowPrivateAddresses()) {
            return null;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (isPrivate(a)) {
                    return "private-address: " + host + " resolves to " + a.getHostAddress();
                }
            }
        } catch (UnknownHostException e) {
            return "unknown-host: " + host;
        }
        return null;
    }

    /** Loopback, link-local, site-local (RFC 1918), unique-local IPv6, CGNAT, wildcard and multicast. */
    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128) || first >= 240;
    }

    private static String hostKey(URI uri) {
        int port = uri.getPort();
        if (port < 0) {
            port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private BaseRobotRules robotsFor(URI uri) throws InterruptedException {
        String key = hostKey(uri);
        Robots r = robots.get(key);
        long now = System.currentTimeMillis();
        if (r != null && r.expiresAtMs() > now) {
            return r.rules();
        }
        // no cap from the parser: a crawl-delay above its limit would make it disallow everything; we cap it ourselves
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser(Long.MAX_VALUE, 5);
        String robotsUrl = key + "/robots.txt";
        BaseRobotRules rules;
        long ttl = ROBOTS_TTL_MS;
        Exchange ex = robotsExchange(URI.create(robotsUrl));
        if (ex.error() == null && ex.status() >= 200 && ex.status() < 300) {
            String ct = ex.headers().firstValue("Content-Type").orElse("text/plain");
            rules = parser.parseContent(robotsUrl, ex.body(), ct, List.of(cfg.robotName()));
        } else if (ex.error() == null && ex.status() >= 400 && ex.status() < 500) {
            rules = parser.failedFetch(ex.status()); // unavailable: everything allowed
        } else {
            rules = parser.failedFetch(503); // unreachable: assume disallowed for now
            ttl = ROBOTS_ERROR_TTL_MS;
            LOG.warn("robots.txt of {} unreachable ({}); not fetching from it for now", key,
                    ex.error() != null ? ex.error() : "status " + ex.status());
        }
        robots.put(key, new Robots(rules, now + ttl));
        return rules;
    }

    /** robots.txt itself: a few same-host-or-not redirects, each target checked, no politeness wait of its own. */
    private Exchange robotsExchange(URI uri) throws InterruptedException {
        for (int hop = 0; hop <= 5; hop++) {
            String problem = checkTarget(uri);
            if (problem != null) {
                return new Exchange(0, null, new byte[0], problem);
            }
            Exchange ex = exchange(uri, null, null, ROBOTS_MAX_BYTES, false);
            markRequest(hostKey(uri), cfg.minDelayPerHostMs());
            if (ex.error() == null && ex.status() >= 300 && ex.status() < 400
                    && ex.headers().firstValue("Location").isPresent()) {
                uri = uri.resolve(ex.headers().firstValue("Location").get().trim());
                continue;
            }
            return ex;
        }
        return new Exchange(0, null, new byte[0], "too-many-redirects");
    }

    private Exchange exchangeWithRetries(URI uri, BaseRobotRules rules, String etag, String lastModified)
            throws InterruptedException {
        long delay = hostDelayMs(rules);
        String key = hostKey(uri);
        Exchange ex = null;
        for (int attempt = 0; attempt <= cfg.maxRetries(); attempt++) {
            waitForHost(key, delay);
            ex = exchange(uri, etag, lastModified, cfg.maxBodyBytes(), true);
            markRequest(key, delay);
            boolean retryable = ex.error() == null && (ex.status() == 429 || ex.status() == 503);
            if (!retryable || attempt == cfg.maxRetries()) {
                break;
            }
            long wait = retryAfterMs(ex.headers()).orElse(BACKOFF_BASE_MS << attempt);
            wait = Math.min(Math.max(wait, 0), cfg.maxCrawlDelayMs());
            LOG.info("{} answered {}, retrying in {} ms", uri, ex.status(), wait);
            Thread.sleep(wait);
        }
        return ex;
    }

    private long hostDelayMs(BaseRobotRules rules) {
        long crawl = rules.getCrawlDelay();
        if (crawl == BaseRobotRules.UNSET_CRAWL_DELAY || crawl < 0) {
            crawl = 0;
        }
        return Math.max(cfg.minDelayPerHostMs(), Math.min(crawl, cfg.maxCrawlDelayMs()));
    }

    private void waitForHost(String key, long delayMs) throws InterruptedException {
        Object lock = hostLocks.computeIfAbsent(key, k -> new Object());
        synchronized (lock) {
            Long next = nextAllowedNanos.get(key);
            if (next != null) {
                long waitNanos = next - System.nanoTime();
                if (waitNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(waitNanos);
                }
            }
            // reserve the slot now so that concurrent callers queue behind this request
            nextAllowedNanos.put(key, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs));
        }
    }

    private void markRequest(String key, long delayMs) {
        nextAllowedNanos.put(key, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs));
    }

    /** Retry-After as delta-seconds or an HTTP date. */
    static java.util.OptionalLong retryAfterMs(HttpHeaders headers) {
        if (headers == null) {
            return java.util.OptionalLong.empty();
        }
        String v = headers.firstValue("Retry-After").orElse(null);
        if (v == null || v.isBlank()) {
            return java.util.OptionalLong.empty();
        }
        v = v.trim();
        try {
            return java.util.OptionalLong.of(Long.parseLong(v) * 1000);
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                return java.util.OptionalLong.of(Math.max(0,
                        at.toInstant().toEpochMilli() - System.currentTimeMillis()));
            } catch (RuntimeException e2) {
                return java.util.OptionalLong.empty();
            }
        }
    }

    private Exchange exchange(URI uri, String etag, String lastModified, long maxBytes, boolean gzip)
            throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(cfg.readTimeout())
                .header("User-Agent", cfg.userAgent())
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .GET();
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        if (etag != null && !etag.isBlank()) {
            b.header("If-None-Match", etag);
        }
        if (lastModified != null && !lastModified.isBlank()) {
            b.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            return new Exchange(0, null, new byte[0], "timeout: connect " + uri);
        } catch (HttpTimeoutException e) {
            return new Exchange(0, null, new byte[0], "timeout: no response within " + cfg.readTimeout());
        } catch (IOException e) {
            return new Exchange(0, null, new byte[0], "io-error: " + e);
        } catch (IllegalArgumentException e) {
            return new Exchange(0, null, new byte[0], "bad-url: " + e.getMessage());
        }
        HttpHeaders h = resp.headers();
        long declared = h.firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBytes) {
            closeQuietly(resp.body());
            return new Exchange(resp.statusCode(), h, new byte[0], "too-large: Content-Length " + declared);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        InputStream raw = resp.body();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            timedOut.set(true);
            closeQuietly(raw);
        }, cfg.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try (InputStream in = raw) {
            byte[] body = readCapped(in, maxBytes);
            if (body == null) {
                return new Exchange(resp.statusCode(), h, new byte[0], "too-large: more than " + maxBytes + " bytes");
            }
            if (gzip && h.firstValue("Content-Encoding").orElse("").toLowerCase(Locale.ROOT).contains("gzip")) {
                try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                    body = readCapped(gz, maxBytes); // a small bomb can inflate a thousandfold
                }
                if (body == null) {
                    return new Exchange(resp.statusCode(), h, new byte[0],
                            "too-large: more than " + maxBytes + " bytes decompressed");
                }
            }
            return new Exchange(resp.statusCode(), h, body, null);
        } catch (IOException e) {
            if (timedOut.get() || e instanceof InterruptedIOException) {
                return new Exchange(resp.statusCode(), h, new byte[0],
                        "timeout: body not complete within " + cfg.readTimeout());
            }
            return new Exchange(resp.statusCode(), h, new byte[0], "io-error: " + e);
        } finally {
            watchdog.cancel(false);
        }
    }

    /** Reads at most max bytes; null when the stream holds more. */
    private static byte[] readCapped(InputStream in, long max) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // closing is best effort
        }
    }

    @Override
    public void close() {
        // HttpClient in Java 17 has no close; connections are released when idle
    }

}
