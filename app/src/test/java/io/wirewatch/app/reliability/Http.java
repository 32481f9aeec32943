package io.wirewatch.app.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs against a service's management endpoint on 127.0.0.1. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body) {}

    private Http() {}

    static Reply get(int port, String path) {
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (java.io.IOException e) {
            return new Reply(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, e.toString());
        }
    }

    /** Polls until {@code path} answers {@code status}; returns how long it took, or fails. */
    static long await(int port, String path, int status, long timeoutMs) throws InterruptedException {
        long t0 = System.currentTimeMillis();
        Reply last = null;
        while (System.currentTimeMillis() - t0 < timeoutMs) {
            last = get(port, path);
            if (last.status() == status) {
                return System.currentTimeMillis() - t0;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " on port " + port + " did not answer " + status + " within " + timeoutMs
                + " ms; last: " + last);
    }
}
