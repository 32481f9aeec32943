package io.wirewatch.common.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wirewatch.common.serde.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A service's management endpoint, on its own port (JDK HTTP server):
 * <pre>
 * GET /health   200 {"status":"UP","state":...} while live, else 503 "DOWN"
 * GET /ready    200 while ready (doing its work), else 503
 * GET /metrics  Prometheus text format of {@link Meters#registry()}
 * </pre>
 */
public final class ManagementServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private ManagementServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts serving. A port outside 0..65535 or one that is taken is a configuration
     * mistake, reported as an IllegalArgumentException naming {@code option} (0 picks a free port).
     */
    public static ManagementServer start(String bind, int port, String option, Supplier<Health> health) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " must be a port between 0 and 65535 (got " + port + ")");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot serve the management endpoint on " + bind + ":" + port + " ("
                    + e.getMessage() + "); set " + option + " to a free port, or 0 for any");
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "management-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health", ex -> probe(ex, health, true));
        server.createContext("/ready", ex -> probe(ex, health, false));
        server.createContext("/metrics", ex -> {
            try (ex) {
                if (!allowed(ex)) {
                    return;
                }
                byte[] body = Meters.registry().scrape().getBytes(StandardCharsets.UTF_8);
                send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", body);
            }
        });
        server.start();
        return new ManagementServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void probe(HttpExchange ex, Supplier<Health> health, boolean liveness) throws IOException {
        try (ex) {
            if (!allowed(ex)) {
                return;
            }
            Health h;
            try {
                h = health.get();
            } catch (RuntimeException e) {
                h = new Health(false, false, "UNKNOWN (" + e + ")");
            }
            boolean ok = liveness ? h.live() : h.ready();
            byte[] body = Json.writeBytes(Map.of("status", ok ? "UP" : "DOWN", "state", h.state()));
            send(ex, ok ? 200 : 503, "application/json", body);
        }
    }

    private static boolean allowed(HttpExchange ex) throws IOException {
        if (ex.getRequestMethod().equals("GET") || ex.getRequestMethod().equals("HEAD")) {
            return true;
        }
        ex.getResponseHeaders().add("Allow", "GET, HEAD");
        ex.sendResponseHeaders(405, -1);
        return false;
    }

    private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(code, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
