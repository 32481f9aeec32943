package io.wirewatch.aggregate.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.Json;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusHttpServerTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestOrgs.Memory source;
    private StatusHttpServer server;

    @BeforeEach
    void start() throws IOException {
        source = new TestOrgs.Memory(TestOrgs.all());
        server = new StatusHttpServer(source, "127.0.0.1", 0).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return Json.MAPPER.readTree(r.body());
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void listsOrganizationsSortedByIdWithTheirCurrentRowsOnly() throws Exception {
        HttpResponse<String> r = get("/api/organizations");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        JsonNode list = json(r);
        assertThat(list.isArray()).isTrue();
        assertThat(list).extracting(n -> n.get("id").asText()).containsExactly("coastal-cartel", "northern-front", "silent-order");
        JsonNode nf = list.get(1);
        assertThat(fields(nf)).containsExactly("id", "name", "aliases", "jurisdictions");
        assertThat(nf.get("name").asText()).isEqualTo("Northern Liberation Front");
        assertThat(nf.get("aliases")).extracting(JsonNode::asText).containsExactly("NLF", "Front du Nord");
        JsonNode ru = nf.get("jurisdictions").get(0);
        assertThat(fields(ru)).containsExactly("code", "name", "list", "status", "since");
        assertThat(ru.get("code").asText()).isEqualTo("RU");
        assertThat(ru.get("status").asText()).isEqualTo("DELISTED");
        assertThat(ru.get("since").asText()).isEqualTo("2025-04-17");
        assertThat(nf.get("jurisdictions").get(1).get("since").isNull()).isTrue();
        assertThat(nf.get("jurisdictions").get(1).get("list").asText()).isEqualTo("sanctions");
        assertThat(list.get(0).get("name").asText()).isEqualTo("Cártel del Litoral"); // UTF-8 end to end
        // the trailing slash and the instance-local variant answer the same here
        assertThat(Json.MAPPER.readTree(get("/api/organizations/").body())).isEqualTo(list);
        assertThat(Json.MAPPER.readTree(get("/api/organizations?local=true").body())).isEqualTo(list);
    }

    @Test
    void oneOrganizationIsTheFullStatusTable() throws Exception {
        HttpResponse<String> r = get("/api/organizations/northern-front");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        JsonNode n = json(r);
        assertThat(Json.MAPPER.treeToValue(n, OrgStatus.class)).isEqualTo(TestOrgs.northernFront());
        JsonNode ru = n.get("jurisdictions").get(0);
        assertThat(fields(ru)).contains("code", "name", "list", "status", "since", "history", "evidence", "sources", "confidence");
        assertThat(ru.get("history")).hasSize(3);
        assertThat(ru.get("history").get(0).get("status").asText()).isEqualTo("DESIGNATED");
        assertThat(ru.get("history").get(0).get("since").asText()).isEqualTo("2003");
        JsonNode ev = ru.get("evidence").get(0);
        assertThat(fields(ev)).containsExactlyInAnyOrder("articleId", "url", "outlet", "published", "sentence");
        assertThat(ev.get("url").asText()).isEqualTo("https://tidewater.example/news/a1");
        // percent-encoded ids are decoded
        assertThat(get("/api/organizations/northern%2Dfront").statusCode()).isEqualTo(200);
        assertThat(get("/api/organizations/northern-front?local=true").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownOrganizationIs404Json() throws Exception {
        HttpResponse<String> r = get("/api/organizations/no-such-group");
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode n = json(r);
        assertThat(n.get("status").asInt()).isEqualTo(404);
        assertThat(n.get("error").asText()).contains("no-such-group");
        assertThat(get("/api/organizations/no-such-group?asOf=2020").statusCode()).isEqualTo(404);
    }

    @Test
    void asOfGivesTheTableAsItStoodThen() throws Exception {
        HttpResponse<String> r = get("/api/organizations/northern-front?asOf=2024-06");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = json(r);
        assertThat(n.get("asOf").asText()).isEqualTo("2024-06");
        assertThat(n.get("id").asText()).isEqualTo("northern-front");
        assertThat(n.get("jurisdictions")).extracting(j -> j.get("code").asText() + ":" + j.get("status").asText() + ":" + j.get("since").asText())
                .containsExactly("RU:DESIGNATED:2003", "UN:SANCTIONED:null", "KZ:DELISTED:2024", "US:DESIGNATED:null");
        assertThat(n.get("jurisdictions").get(0).get("history")).hasSize(1);
        OrgStatus viaJson = Json.MAPPER.treeToValue(n, OrgStatus.class);
        assertThat(viaJson).isEqualTo(AsOf.at(TestOrgs.northernFront(), "2024-06"));

        JsonNode early = json(get("/api/organizations/northern-front?asOf=2002"));
        assertThat(early.get("jurisdictions")).extracting(j -> j.get("code").asText()).containsExactly("UN", "US");
        JsonNode pending = json(get("/api/organizations/northern-front?asOf=2025-04-16"));
        assertThat(pending.get("jurisdictions").get(0).get("status").asText()).isEqualTo("DELISTING_PENDING");
        JsonNode year = json(get("/api/organizations/silent-order?asOf=1999"));
        // a coarse asOf is the end of its period: 1999-11 counts as of 1999, not as of 1998
        assertThat(year.get("jurisdictions").get(0).get("status").asText()).isEqualTo("DESIGNATED");
        assertThat(year.get("jurisdictions").get(0).get("since").asText()).isEqualTo("1999-11");
        assertThat(json(get("/api/organizations/silent-order?asOf=1998")).get("jurisdictions")).isEmpty();
    }

    @Test
    void malformedAsOfIs400Json() throws Exception {
        for (String bad : List.of("2025-13", "2025-02-30", "April", "2025-4-1", "", "2025-04-17T00:00Z")) {
            HttpResponse<String> r = get("/api/organizations/northern-front?asOf=" + java.net.URLEncoder.encode(bad, "UTF-8"));
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            JsonNode n = json(r);
            assertThat(n.get("status").asInt()).isEqualTo(400);
            assertThat(n.get("error").asText()).contains("asOf");
        }
        // the date is checked before the organization is looked up
        assertThat(get("/api/organizations/no-such-group?asOf=soon").statusCode()).isEqualTo(400);
    }

    @Test
    void healthz() throws Exception {
        HttpResponse<String> r = get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("ok");
        StatusSource down = new StatusSource() {
            public java.util.Optional<OrgStatus> organization(String id) { return java.util.Optional.empty(); }
            public List<OrgStatus> organizations() { return List.of(); }
            public String state() { return "ERROR"; }
            public boolean healthy() { return false; }
        };
        try (StatusHttpServer s = new StatusHttpServer(down, "127.0.0.1", 0).start()) {
            HttpResponse<String> d = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(d.statusCode()).isEqualTo(503);
            assertThat(Json.MAPPER.readTree(d.body()).get("state").asText()).isEqualTo("ERROR");
        }
    }

    @Test
    void rebalancingStoresAre503WithRetryAfter() throws Exception {
        source.failure = () -> new InvalidStateStoreException("store org-ledgers is migrating");
        for (String path : List.of("/api/organizations", "/api/organizations/northern-front", "/api/organizations/northern-front?asOf=2020")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json(r).get("error").asText()).contains("migrating");
        }
        source.failure = () -> new StatusSource.Unavailable("peer down", null);
        assertThat(get("/api/organizations").statusCode()).isEqualTo(503);
        source.failure = () -> new IllegalStateException("boom");
        HttpResponse<String> r = get("/api/organizations");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r).get("status").asInt()).isEqualTo(500);
        source.failure = null;
        assertThat(get("/api/organizations").statusCode()).isEqualTo(200);
    }

    @Test
    void methodsAndCors() throws Exception {
        HttpResponse<String> opt = send("OPTIONS", "/api/organizations");
        assertThat(opt.statusCode()).isEqualTo(204);
        assertThat(opt.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(opt.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("GET");
        HttpResponse<String> post = send("POST", "/api/organizations");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow").orElse("")).contains("GET");
        HttpResponse<String> head = send("HEAD", "/api/organizations/northern-front");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        HttpResponse<String> nowhere = get("/api/nothing-here");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(json(nowhere).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void servesTheDashboardWithContentTypes() throws Exception {
        for (String path : List.of("/", "/dashboard/", "/dashboard/index.html", "/dashboard")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(path).hasValue("text/html; charset=utf-8");
            assertThat(r.body()).contains("id=\"org-list\"", "id=\"org-table\"", "/dashboard/app.js", "/dashboard/style.css");
        }
        HttpResponse<String> js = get("/dashboard/app.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.body()).contains("/api/organizations");
        HttpResponse<String> css = get("/dashboard/style.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.body()).contains(".status-badge");
        // no external resources: the dashboard works without a network
        assertThat(get("/").body() + js.body() + css.body()).doesNotContain("http://", "https://", "//cdn");
    }

    @Test
    void staticFilesAreConfinedToTheDashboard() throws Exception {
        for (String path : List.of("/dashboard/missing.js", "/dashboard/../dashboard/app.js", "/dashboard/%2e%2e/META-INF/MANIFEST.MF",
                "/dashboard/..%2fio/wirewatch/aggregate/api/StatusHttpServer.class", "/dashboard/.hidden", "/dashboard//etc/passwd")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
        }
    }
}
