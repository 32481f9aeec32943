package io.wirewatch.aggregate.route;

import io.wirewatch.aggregate.AggregateService;
import io.wirewatch.aggregate.AggregateTopology;
import io.wirewatch.aggregate.status.ClaimRecord;
import io.wirewatch.aggregate.status.MemoryFoldState;
import io.wirewatch.aggregate.status.OrgEvent;
import io.wirewatch.aggregate.status.OrgFold;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.common.time.DateExpr;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routers drop only events the fold would ignore: random streams of articles (mentions, usable and
 * unusable claims, re-enrichments that add or drop claims and mentions) and story updates (growing,
 * anchors that move) give the same tables through the topology as folding every event of the unrouted
 * fan-out (one per organisation mentioned or claimed, an anchor to every organisation of a story at
 * every update) over the last version of each article.
 */
class RoutingEquivalenceTest {

    private static final String[] ORGS = {"red-lantern", "blue-hand", "green-rise", "grey-order", "white-sun"};
    private static final String[] STATUSES = {"DESIGNATED", "DELISTED", "DELISTING_PENDING", "SANCTIONED", "RECOGNIZED"};
    private static final String[] PLACES = {"XA", "XB", "UN"};

    @TempDir
    Path dir;

    @Test
    void routedTablesEqualTablesFromEveryEvent() {
        for (long seed = 1; seed <= 12; seed++) {
            List<Object> inputs = inputs(new Random(seed));
            Map<String, OrgStatus> expected = foldEveryEvent(inputs);
            assertThat(expected).as("seed %d makes tables", seed).isNotEmpty();
            assertThat(Json.write(throughTopology(inputs, dir.resolve("s" + seed))))
                    .as("seed %d", seed).isEqualTo(Json.write(expected));
        }
    }

    private static List<Object> inputs(Random r) {
        List<Object> out = new ArrayList<>();
        Map<String, List<String>> storyArticles = new LinkedHashMap<>();
        for (int i = 0; i < 120; i++) {
            if (r.nextInt(5) == 0 && !storyArticles.isEmpty()) {
                String storyId = new ArrayList<>(storyArticles.keySet()).get(r.nextInt(storyArticles.size()));
                List<String> orgs = new ArrayList<>();
                for (String o : ORGS) {
                    if (r.nextInt(3) == 0) {
                        orgs.add(o);
                    }
                }
                String anchor = "2025-04-" + (10 + r.nextInt(3)); // few values: anchors repeat and move back
                out.add(new Story(storyId, "h", null, null, anchor, List.copyOf(storyArticles.get(storyId)),
                        List.of(), List.of(), orgs));
                continue;
            }
            // a new article, or an earlier one enriched again with other claims
            String id = "a" + (r.nextInt(4) == 0 && i > 0 ? r.nextInt(i) : i);
            String storyId = "s" + r.nextInt(6);
            storyArticles.computeIfAbsent(storyId, k -> new ArrayList<>()).add(id);
            List<Entity> entities = new ArrayList<>();
            for (String o : ORGS) {
                if (r.nextInt(2) == 0) {
                    entities.add(new Entity(o, Entity.ORG, o + " name", 1, 0, r.nextBoolean() ? List.of(o + "-alias") : List.of()));
                }
            }
            List<Claim> claims = new ArrayList<>();
            for (int c = r.nextInt(4); c > 0; c--) {
                String org = ORGS[r.nextInt(ORGS.length)];
                String place = PLACES[r.nextInt(PLACES.length)];
                DateExpr date = r.nextBoolean() ? DateExpr.ANCHOR : DateExpr.monthDay(4, 1 + r.nextInt(28), false);
                claims.add(new Claim(org, org + " name", place, "Land " + place, STATUSES[r.nextInt(STATUSES.length)],
                        null, date, null, r.nextBoolean(), "Sentence " + c + " of " + id + ".", 0.5 + r.nextInt(5) / 10.0));
            }
            String published = r.nextInt(3) == 0 ? null : "2025-04-" + (10 + r.nextInt(9));
            String outlet = "outlet-" + r.nextInt(4);
            out.add(new EnrichedArticle(id, "https://" + outlet + ".example/" + id, null, outlet, "Title " + id, null,
                    published, "2025-05-01T00:00:00Z", "en", "Body.", entities, storyId,
                    r.nextInt(8) == 0 ? "a0" : null, claims));
        }
        return out;
    }

    private static Map<String, OrgStatus> throughTopology(List<Object> inputs, Path stateDir) {
        Properties p = AggregateService.config("unused:9092", "routing-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver d = new TopologyTestDriver(AggregateTopology.build(), p)) {
            TestInputTopic<String, String> enriched = d.createInputTopic(Topics.ENRICHED, new StringSerializer(), new StringSerializer());
            TestInputTopic<String, String> stories = d.createInputTopic(Topics.STORIES, new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, OrgStatus> status = d.createOutputTopic(Topics.STATUS, new StringDeserializer(),
                    JsonSerde.STATUS.deserializer());
            for (Object in : inputs) {
                if (in instanceof EnrichedArticle a) {
                    enriched.pipeInput(a.id(), Json.write(a));
                } else if (in instanceof Story s) {
                    stories.pipeInput(s.id(), Json.write(s));
                }
            }
            Map<String, OrgStatus> tables = new TreeMap<>();
            status.readKeyValuesToList().forEach(kv -> tables.put(kv.key, kv.value));
            tables.values().removeIf(v -> v == null);
            return tables;
        }
    }

    /**
     * The fan-out before the routers, folded event by event, over each article's last version only (at
     * its place in the stream): "an article enriched twice counts once, with its latest claims".
     */
    private static Map<String, OrgStatus> foldEveryEvent(List<Object> inputs) {
        OrgFold fold = new OrgFold(MemoryFoldState.serialized());
        Map<String, OrgStatus> tables = new TreeMap<>();
        Map<String, Integer> lastVersion = new java.util.HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) instanceof EnrichedArticle a) {
                lastVersion.put(a.id(), i);
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            Object in = inputs.get(i);
            if (in instanceof EnrichedArticle a && lastVersion.get(a.id()) != i) {
                continue;
            }
            List<OrgEvent> events = new ArrayList<>();
            if (in instanceof EnrichedArticle a) {
                Map<String, List<ClaimRecord>> byOrg = new LinkedHashMap<>();
                a.entities().forEach(en -> byOrg.computeIfAbsent(en.id(), k -> new ArrayList<>()));
                for (Claim c : a.claims()) {
                    byOrg.computeIfAbsent(c.org(), k -> new ArrayList<>()).add(
                            new ClaimRecord(c, a.id(), a.url(), a.outlet(), a.published(), a.storyId(), a.duplicateOf()));
                }
                byOrg.forEach((org, claims) -> {
                    List<String> aliases = new ArrayList<>();
                    a.entities().stream().filter(en -> en.id().equals(org)).forEach(en -> aliases.addAll(en.aliases()));
                    events.add(OrgEvent.claims(org, claims.isEmpty() ? null : claims.get(0).claim().orgName(), aliases,
                            a.id(), claims));
                });
            } else if (in instanceof Story s) {
                s.organizations().forEach(org -> events.add(OrgEvent.storyAnchor(org, s.id(), s.anchorDate())));
            }
            for (OrgEvent e : events) {
                OrgFold.Change c = fold.apply(e);
                if (c.changed()) {
                    if (c.status() == null) {
                        tables.remove(e.orgId());
                    } else {
                        tables.put(e.orgId(), c.status());
                    }
                }
            }
        }
        return tables;
    }
}
