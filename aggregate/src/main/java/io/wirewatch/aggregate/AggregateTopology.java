package io.wirewatch.aggregate;

import io.wirewatch.aggregate.route.ArticleClaims;
import io.wirewatch.aggregate.route.ClaimRouter;
import io.wirewatch.aggregate.route.RoutedAnchor;
import io.wirewatch.aggregate.route.RoutedOrgs;
import io.wirewatch.aggregate.route.StoryAnchor;
import io.wirewatch.aggregate.route.StoryDateRouter;
import io.wirewatch.aggregate.status.OrgEvent;
import io.wirewatch.aggregate.status.StatusFoldProcessor;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.common.serde.SmileSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;


/**
 * aggregate: enriched articles → their claims per organisation, plus story dates per organisation
 * (each routed only where it can change a table, see {@link ClaimRouter} and {@link StoryDateRouter})
 * → repartitioned by organisation → folded into each organisation's status table.
 */
public final class AggregateTopology {

    /** The by-organisation repartition topic is internal, so its events are Smile, not JSON text. */
    /** The contract topics are JSON; aggregate reads only the fields it uses (see these records). */
    static final JsonSerde<ArticleClaims> ARTICLES = JsonSerde.view(ArticleClaims.class, EnrichedArticle.class);
    static final JsonSerde<StoryAnchor> STORIES = JsonSerde.view(StoryAnchor.class, Story.class);

    public static final SmileSerde<OrgEvent> ORG_EVENT = SmileSerde.of(OrgEvent.class);

    private AggregateTopology() {}

    public static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();

        // the routers' stores are keyed like their input topics, so they live before the repartition
        StatusFoldProcessor.addStore(builder, ClaimRouter.STORE, SmileSerde.of(RoutedOrgs.class), false); // once per article
        StatusFoldProcessor.addStore(builder, StoryDateRouter.STORE, SmileSerde.of(RoutedAnchor.class));

        KStream<String, OrgEvent> claims = builder
                .stream(Topics.ENRICHED, Consumed.with(Serdes.String(), ARTICLES).withName("read-enriched-articles"))
                .process(ClaimRouter::new, Named.as("claims-by-organization"), ClaimRouter.STORE);

        KStream<String, OrgEvent> storyDates = builder
                .stream(Topics.STORIES, Consumed.with(Serdes.String(), STORIES).withName("read-stories"))
                .process(StoryDateRouter::new, Named.as("story-dates-by-organization"), StoryDateRouter.STORE);

        StatusFoldProcessor.addStores(builder);

        claims.merge(storyDates, Named.as("organization-events"))
                .repartition(Repartitioned.with(Serdes.String(), ORG_EVENT).withName("by-organization"))
                .process(StatusFoldProcessor::new, Named.as("fold-status-tables"), StatusFoldProcessor.STORES)
                .to(Topics.STATUS, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("write-status-tables")); // JSON already

        return builder.build();
    }
}
