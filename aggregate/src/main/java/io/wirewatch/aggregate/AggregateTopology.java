package io.wirewatch.aggregate;

import io.wirewatch.aggregate.status.ClaimRecord;
import io.wirewatch.aggregate.status.OrgEvent;
import io.wirewatch.aggregate.status.StatusFoldProcessor;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * aggregate: enriched articles → their claims per organisation, plus story dates per organisation
 * → repartitioned by organisation → folded into each organisation's status table.
 */
public final class AggregateTopology {

    public static final JsonSerde<OrgEvent> ORG_EVENT = JsonSerde.of(OrgEvent.class);

    private AggregateTopology() {}

    public static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();

        KStream<String, OrgEvent> claims = builder
                .stream(Topics.ENRICHED, Consumed.with(Serdes.String(), JsonSerde.ENRICHED).withName("read-enriched-articles"))
                .flatMap((id, article) -> claimEvents(article), Named.as("claims-by-organization"));

        KStream<String, OrgEvent> storyDates = builder
                .stream(Topics.STORIES, Consumed.with(Serdes.String(), JsonSerde.STORY).withName("read-stories"))
                .flatMap((id, story) -> anchorEvents(story), Named.as("story-dates-by-organization"));

        StatusFoldProcessor.addStores(builder);

        claims.merge(storyDates, Named.as("organization-events"))
                .repartition(Repartitioned.with(Serdes.String(), ORG_EVENT).withName("by-organization"))
                .process(StatusFoldProcessor::new, Named.as("fold-status-tables"), StatusFoldProcessor.STORES)
                .to(Topics.STATUS, Produced.with(Serdes.String(), JsonSerde.STATUS).withName("write-status-tables"));

        return builder.build();
    }

    static List<KeyValue<String, OrgEvent>> claimEvents(EnrichedArticle a) {
        List<KeyValue<String, OrgEvent>> out = new ArrayList<>();
        if (a == null || a.id() == null) {
            return out;
        }
        Map<String, List<ClaimRecord>> byOrg = new LinkedHashMap<>();
        // every organisation the article mentions gets its claims, even none: an article enriched
        // again without a claim it had must retract it (the fold ignores a first event without claims)
        if (a.entities() != null) {
            for (Entity en : a.entities()) {
                if (en != null && Entity.ORG.equals(en.type()) && en.id() != null) {
                    byOrg.computeIfAbsent(en.id(), k -> new ArrayList<>());
                }
            }
        }
        for (Claim c : a.claims() == null ? List.<Claim>of() : a.claims()) {
            if (c == null || c.org() == null) {
                continue; // no organisation to key it by; the article's other claims still count
            }
            byOrg.computeIfAbsent(c.org(), k -> new ArrayList<>()).add(
                    new ClaimRecord(c, a.id(), a.url(), a.outlet(), a.published(), a.storyId(), a.duplicateOf()));
        }
        for (var e : byOrg.entrySet()) {
            String name = e.getValue().isEmpty() ? null : e.getValue().get(0).claim().orgName();
            List<String> aliases = new ArrayList<>();
            if (a.entities() != null) {
                for (Entity en : a.entities()) {
                    if (Entity.ORG.equals(en.type()) && e.getKey().equals(en.id()) && en.aliases() != null) {
                        aliases.addAll(en.aliases());
                    }
                }
            }
            out.add(KeyValue.pair(e.getKey(), OrgEvent.claims(e.getKey(), name, aliases, a.id(), e.getValue())));
        }
        return out;
    }

    static List<KeyValue<String, OrgEvent>> anchorEvents(Story s) {
        List<KeyValue<String, OrgEvent>> out = new ArrayList<>();
        if (s == null || s.anchorDate() == null || s.organizations() == null) {
            return out;
        }
        for (String org : s.organizations()) {
            out.add(KeyValue.pair(org, OrgEvent.storyAnchor(org, s.id(), s.anchorDate())));
        }
        return out;
    }
}
