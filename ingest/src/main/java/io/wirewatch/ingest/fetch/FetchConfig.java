package io.wirewatch.ingest.fetch;

import java.time.Duration;

/**
 * How politely and how defensively to fetch. Private addresses are refused by default so that a
 * feed cannot point the crawler at the machine's own network.
 */
public record FetchConfig(
        String userAgent,
        Duration connectTimeout,
        Duration readTimeout,
        long maxBodyBytes,
        int maxRedirects,
        long minDelayPerHostMs,
        long maxCrawlDelayMs,
        boolean allowPrivateAddresses,
        int maxRetries) {

    public static final String DEFAULT_USER_AGENT = "wirewatch/0.1 (+https://github.com/wirewatch/wirewatch)";

    public static FetchConfig defaults() {
        return new FetchConfig(DEFAULT_USER_AGENT, Duration.ofSeconds(10), Duration.ofSeconds(30),
                5L * 1024 * 1024, 5, 1000, 30_000, false, 2);
    }

    public FetchConfig withAllowPrivateAddresses(boolean allow) {
        return new FetchConfig(userAgent, connectTimeout, readTimeout, maxBodyBytes, maxRedirects,
                minDelayPerHostMs, maxCrawlDelayMs, allow, maxRetries);
    }

    public FetchConfig withUserAgent(String ua) {
        if (ua == null || ua.isBlank()) {
            throw new IllegalArgumentException("the user agent must not be blank (name the crawler and a contact URL)");
        }
        return new FetchConfig(ua.trim(), connectTimeout, readTimeout, maxBodyBytes, maxRedirects, minDelayPerHostMs,
                maxCrawlDelayMs, allowPrivateAddresses, maxRetries);
    }

    public FetchConfig withMinDelayPerHostMs(long ms) {
        return new FetchConfig(userAgent, connectTimeout, readTimeout, maxBodyBytes, maxRedirects, ms,
                maxCrawlDelayMs, allowPrivateAddresses, maxRetries);
    }

    public FetchConfig withMaxCrawlDelayMs(long ms) {
        return new FetchConfig(userAgent, connectTimeout, readTimeout, maxBodyBytes, maxRedirects,
                minDelayPerHostMs, ms, allowPrivateAddresses, maxRetries);
    }

    public FetchConfig withReadTimeout(Duration d) {
        return new FetchConfig(userAgent, connectTimeout, d, maxBodyBytes, maxRedirects, minDelayPerHostMs,
                maxCrawlDelayMs, allowPrivateAddresses, maxRetries);
    }

    public FetchConfig withMaxBodyBytes(long n) {
        return new FetchConfig(userAgent, connectTimeout, readTimeout, n, maxRedirects, minDelayPerHostMs,
                maxCrawlDelayMs, allowPrivateAddresses, maxRetries);
    }

    public FetchConfig withMaxRedirects(int n) {
        return new FetchConfig(userAgent, connectTimeout, readTimeout, maxBodyBytes, n, minDelayPerHostMs,
                maxCrawlDelayMs, allowPrivateAddresses, maxRetries);
    }

    public FetchConfig withMaxRetries(int n) {
        return new FetchConfig(userAgent, connectTimeout, readTimeout, maxBodyBytes, maxRedirects,
                minDelayPerHostMs, maxCrawlDelayMs, allowPrivateAddresses, n);
    }

    /** The robots.txt product token: the user agent up to its first '/' or space. */
    public String robotName() {
        String ua = userAgent == null ? "wirewatch" : userAgent.trim();
        int cut = ua.length();
        for (int i = 0; i < ua.length(); i++) {
            char c = ua.charAt(i);
            if (c == '/' || c == ' ') {
                cut = i;
                break;
            }
        }
        return ua.substring(0, cut).toLowerCase(java.util.Locale.ROOT);
    }
}
