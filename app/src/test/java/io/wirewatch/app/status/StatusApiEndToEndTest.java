package io.wirewatch.app.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.app.broker.Cluster;
import io.wirewatch.app.pipeline.Results;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status API served by two aggregate instances of one application on a real broker: each
 * instance owns some organisations' partitions, and either answers for all of them through
 * interactive queries, forwarding to the owner.
 */
class StatusApiEndToEndTest {

    @Test
    void twoInstancesAnswerForEveryOrganizationWhicheverOwnsIt(@TempDir Path dir) throws Exception {
        try (Cluster cluster = Cluster.open(null, 4, (short) 1);
             AggregateInstances app = AggregateInstances.start(cluster.bootstrap(), dir, 2)) {
            AggregateInstances.publish(cluster.bootstrap());

            for (int i = 0; i < 2; i++) {
                app.await(i, "/api/organizations", r -> r.statusCode() == 200
                        && ids(r).equals(new TreeSet<>(AggregateInstances.ORGS)), Duration.ofSeconds(120));
            }
            // the local stores split the organisations between the instances
            TreeSet<String> local0 = ids(app.get(0, "/api/organizations?local=true"));
            TreeSet<String> local1 = ids(app.get(1, "/api/organizations?local=true"));
            TreeSet<String> union = new TreeSet<>(local0);
            union.addAll(local1);
            assertThat(union).containsExactlyElementsOf(AggregateInstances.ORGS);
            assertThat(local0).doesNotContainAnyElementsOf(local1);

            // the tables served are the ones on org.status.v1, from whichever instance is asked
            // (interactive queries see the stores before the transaction that writes the tables commits,
            // so compare again until the committed topic has caught up)
            Map<String, String> topic = new HashMap<>();
            Map<String, String> served = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            do {
                topic.clear();
                served.clear();
                for (ConsumerRecord<String, byte[]> r : Results.readCommitted(cluster.bootstrap(), Topics.STATUS)) {
                    topic.put(r.key(), r.value() == null ? null : Json.write(Json.read(r.value(), OrgStatus.class)));
                }
                for (String org : AggregateInstances.ORGS) {
                    for (int i = 0; i < 2; i++) {
                        HttpResponse<String> r = app.get(i, "/api/organizations/" + org);
                        assertThat(r.statusCode()).as(org + " from instance " + i).isEqualTo(200);
                        served.put(org + "@" + i, Json.write(Json.read(r.body(), OrgStatus.class)));
                    }
                }
            } while (!matches(served, topic) && System.nanoTime() < deadline && pause());
            for (String org : AggregateInstances.ORGS) {
                for (int i = 0; i < 2; i++) {
                    assertThat(served.get(org + "@" + i)).as(org + " from instance " + i).isEqualTo(topic.get(org));
                }
            }

            // an organisation owned by the other instance, with the as-of query forwarded too
            int asker = local0.contains("red-lantern") ? 1 : 0;
            assertThat(app.get(asker, "/api/organizations/red-lantern?local=true").statusCode()).isEqualTo(404);
            JsonNode table = Json.MAPPER.readTree(app.get(asker, "/api/organizations/red-lantern").body());
            JsonNode xa = row(table, "XA");
            assertThat(xa.get("status").asText()).isEqualTo("DELISTED");
            assertThat(xa.get("since").asText()).isEqualTo("2025-04-17");
            assertThat(xa.get("sources").asInt()).isEqualTo(2);
            JsonNode before = Json.MAPPER.readTree(app.get(asker, "/api/organizations/red-lantern?asOf=2025-04-10").body());
            assertThat(before.get("asOf").asText()).isEqualTo("2025-04-10");
            assertThat(row(before, "XA").get("status").asText()).isEqualTo("DELISTING_PENDING");
            JsonNode longAgo = Json.MAPPER.readTree(app.get(asker, "/api/organizations/red-lantern?asOf=2010").body());
            assertThat(row(longAgo, "XA").get("status").asText()).isEqualTo("DESIGNATED");

            assertThat(app.get(asker, "/api/organizations/nobody-at-all").statusCode()).isEqualTo(404);
            assertThat(app.get(asker, "/api/organizations/red-lantern?asOf=April").statusCode()).isEqualTo(400);
        }
    }

    private static boolean matches(Map<String, String> served, Map<String, String> topic) {
        return served.entrySet().stream().allMatch(e -> e.getValue().equals(topic.get(e.getKey().substring(0, e.getKey().indexOf('@')))));
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }

    private static JsonNode row(JsonNode table, String code) {
        for (JsonNode r : table.get("jurisdictions")) {
            if (r.get("code").asText().equals(code)) {
                return r;
            }
        }
        throw new AssertionError("no " + code + " row in " + table);
    }

    private static TreeSet<String> ids(HttpResponse<String> r) {
        try {
            List<String> out = new ArrayList<>();
            Json.MAPPER.readTree(r.body()).forEach(n -> out.add(n.get("id").asText()));
            return new TreeSet<>(out);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
