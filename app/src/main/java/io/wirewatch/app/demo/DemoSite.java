package io.wirewatch.app.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The bundled sample site (four outlets, an RSS feed, robots.txt) served from the jar's
 * {@code demo-site/} resources on 127.0.0.1 with the JDK's HTTP server. Files that name their own
 * address carry a {@code {{BASE}}} placeholder, filled in with the port the server got.
 */
public final class DemoSite implements AutoCloseable {

    private static final String ROOT = "/demo-site";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "xml", "application/rss+xml; charset=utf-8",
            "txt", "text/plain; charset=utf-8");

    private final HttpServer server;
    private final String base;

    private DemoSite(HttpServer server) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static DemoSite start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
            DemoSite site = new DemoSite(server);
            server.createContext("/", site::handle);
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo site's HTTP server on 127.0.0.1", e);
        }
    }

    public String baseUrl() {
        return base;
    }

    public String feedUrl() {
        return base + "/feed.xml";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/")) {
                path += "index.html";
            }
            if (path.contains("..") || !"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(path.contains("..") ? 404 : 405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = DemoSite.class.getResourceAsStream(ROOT + path)) {
                if (in == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("{{BASE}}", base).getBytes(StandardCharsets.UTF_8);
            }
            String ext = path.substring(path.lastIndexOf('.') + 1);
            exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
