package io.wirewatch.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.wirewatch.ingest.fetch.FetchConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A local HTTP server on 127.0.0.1 (port 0) for tests; records the paths requested and when. */
public final class TestHttp implements AutoCloseable {

    public record Hit(String path, long nanos, String ifNoneMatch, String userAgent) {
    }

    private final HttpServer server;
    public final List<Hit> hits = new CopyOnWriteArrayList<>();

    public TestHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public TestHttp on(String path, HttpHandler h) {
        server.createContext(path, ex -> {
            hits.add(new Hit(ex.getRequestURI().toString(), System.nanoTime(),
                    ex.getRequestHeaders().getFirst("If-None-Match"), ex.getRequestHeaders().getFirst("User-Agent")));
            h.handle(ex);
        });
        return this;
    }

    public TestHttp text(String path, int status, String contentType, String body) {
        return on(path, ex -> send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8)));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public long count(String path) {
        return hits.stream().filter(h -> h.path().equals(path)).count();
    }

    public static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Loopback allowed, no politeness delay, short timeouts: what most tests want. */
    public static FetchConfig fastConfig() {
        return FetchConfig.defaults().withAllowPrivateAddresses(true).withMinDelayPerHostMs(0)
                .withReadTimeout(Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
