package io.wirewatch.aggregate.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.Json;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The aggregate service's HTTP API and dashboard, on the JDK's HTTP server:
 * <pre>
 * GET /api/organizations                 [{id, name, aliases, jurisdictions: [{code, name, list, status, since}]}]
 * GET /api/organizations/{id}            the full OrgStatus (404 when unknown)
 * GET /api/organizations/{id}?asOf=DATE  the table as it stood on DATE (YYYY[-MM[-DD]], 400 when malformed), see {@link AsOf}
 *     ?local=true                        answer from this instance's stores only (used between instances)
 * GET /healthz                           {"status": "ok"|"unavailable", "state": ...}
 * GET /, /dashboard/...                  the dashboard (static files)
 * </pre>
 * Errors are JSON {@code {"error": ..., "status": code}}; 503 with Retry-After while the stores
 * are rebalancing. Every response allows any origin (the API is read-only).
 */
public final class StatusHttpServer implements AutoCloseable {

    private static final String DASHBOARD = "/dashboard/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "txt", "text/plain; charset=utf-8");

    private final StatusSource source;
    private final HttpServer server;
    private final ExecutorService executor;

    /** Binds at once ({@code port} 0 picks a free port, see {@link #port()}); call {@link #start()}. */
    public StatusHttpServer(StatusSource source, String bindAddress, int port) throws IOException {
        this.source = source;
        this.server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "status-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public StatusHttpServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            String method = ex.getRequestMethod();
            if ("OPTIONS".equals(method)) {
                ex.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
                ex.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
                ex.getResponseHeaders().set("Access-Control-Max-Age", "86400");
                ex.sendResponseHeaders(204, -1);
                return;
            }
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD, OPTIONS");
                error(ex, 405, "method not allowed: " + method);
                return;
            }
            try {
                route(ex);
            } catch (InvalidStateStoreException | StatusSource.Unavailable e) {
                ex.getResponseHeaders().set("Retry-After", "1");
                error(ex, 503, "status tables temporarily unavailable (rebalancing): " + e.getMessage());
            } catch (RuntimeException e) {
                error(ex, 500, "internal error: " + e);
            }
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        boolean local = "true".equalsIgnoreCase(query.get("local"));
        if (path.equals("/api/organizations") || path.equals("/api/organizations/")) {
            List<OrgStatus> all = local ? source.localOrganizations() : source.organizations();
            json(ex, 200, all.stream().map(StatusHttpServer::summary).toList());
        } else if (path.startsWith("/api/organizations/")) {
            String id = URLDecoder.decode(path.substring("/api/organizations/".length()).replace("+", "%2B"), StandardCharsets.UTF_8);
            String asOf = query.get("asOf");
            if (asOf != null) {
                try {
                    asOf = AsOf.parse(asOf);
                } catch (IllegalArgumentException e) {
                    error(ex, 400, e.getMessage());
                    return;
                }
            }
            Optional<OrgStatus> org = local ? source.localOrganization(id) : source.organization(id);
            if (org.isEmpty()) {
                error(ex, 404, "unknown organization: " + id);
            } else if (asOf == null) {
                json(ex, 200, org.get());
            } else {
                ObjectNode node = Json.MAPPER.valueToTree(AsOf.at(org.get(), asOf));
                node.put("asOf", asOf);
                json(ex, 200, node);
            }
        } else if (path.equals("/healthz")) {
            boolean ok = source.healthy();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", ok ? "ok" : "unavailable");
            body.put("state", source.state());
            json(ex, ok ? 200 : 503, body);
        } else if (path.equals("/") || path.equals("/index.html") || path.equals("/dashboard") || path.equals(DASHBOARD)) {
            file(ex, "index.html");
        } else if (path.startsWith(DASHBOARD)) {
            file(ex, path.substring(DASHBOARD.length()));
        } else if (path.equals("/favicon.ico")) {
            ex.sendResponseHeaders(204, -1);
        } else {
            error(ex, 404, "not found: " + path);
        }
    }

    /** The list entry: the organisation and its current rows without history and evidence. */
    static Map<String, Object> summary(OrgStatus o) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (o.jurisdictions() != null) {
            for (OrgStatus.JurisdictionRow r : o.jurisdictions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", r.code());
                m.put("name", r.name());
                m.put("list", r.list());
                m.put("status", r.status());
                m.put("since", r.since());
                rows.add(m);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("name", o.name());
        m.put("aliases", o.aliases() == null ? List.of() : o.aliases());
        m.put("jurisdictions", rows);
        return m;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private void file(HttpExchange ex, String name) throws IOException {
        // resource names are plain: no traversal, no hidden files, no directories
        if (name.isEmpty() || name.contains("..") || name.contains("\\") || name.startsWith("/") || name.startsWith(".")
                || !name.matches("[A-Za-z0-9._/-]+")) {
            error(ex, 404, "not found: " + name);
            return;
        }
        byte[] body;
        try (InputStream in = StatusHttpServer.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                error(ex, 404, "not found: /dashboard/" + name);
                return;
            }
            body = in.readAllBytes();
        }
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase();
        ex.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        send(ex, 200, body);
    }

    private static void json(HttpExchange ex, int code, Object value) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, code, Json.writeBytes(value));
    }

    private static void error(HttpExchange ex, int code, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", code);
        json(ex, code, body);
    }

    private static void send(HttpExchange ex, int code, byte[] body) throws IOException {
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(code, -1);
            return;
        }
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
