package io.wirewatch.app.cli;

import io.wirewatch.ingest.fetch.FetchConfig;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Politeness and safety limits of the HTTP fetcher; defaults are FetchConfig.defaults(). */
public final class FetchOptions {

    @Option(names = "--min-delay-ms", paramLabel = "MS",
            description = "Minimum delay between two requests to one host (robots.txt Crawl-delay wins when longer).")
    Long minDelayMs;

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "Read timeout of one request.")
    Long timeoutMs;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", description = "Larger bodies are refused (dead-lettered).")
    Long maxBodyBytes;

    @Option(names = "--user-agent", paramLabel = "UA", defaultValue = "${env:WIREWATCH_USER_AGENT}",
            description = "User-Agent of every request, with a contact URL; its first word is the robots.txt token. "
                    + "Default: " + FetchConfig.DEFAULT_USER_AGENT + ".")
    String userAgent;

    FetchConfig toConfig(boolean allowPrivateAddresses) {
        FetchConfig c = FetchConfig.defaults().withAllowPrivateAddresses(allowPrivateAddresses);
        if (userAgent != null) {
            c = c.withUserAgent(userAgent);
        }
        if (minDelayMs != null) {
            c = c.withMinDelayPerHostMs(minDelayMs);
        }
        if (timeoutMs != null) {
            c = c.withReadTimeout(Duration.ofMillis(timeoutMs));
        }
        if (maxBodyBytes != null) {
            c = c.withMaxBodyBytes(maxBodyBytes);
        }
        return c;
    }
}
