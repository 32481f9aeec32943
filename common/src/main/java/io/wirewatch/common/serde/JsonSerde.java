package io.wirewatch.common.serde;

import io.wirewatch.common.model.DeadLetter;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.FrontierEntry;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.SeenState;
import io.wirewatch.common.model.Story;

/**
 * Jackson serdes for every record type, in one place; failures as {@link JacksonSerde} says.
 */
public final class JsonSerde<T> extends JacksonSerde<T> {

    public static final JsonSerde<RawArticle> RAW = of(RawArticle.class);
    public static final JsonSerde<EnrichedArticle> ENRICHED = of(EnrichedArticle.class);
    public static final JsonSerde<Story> STORY = of(Story.class);
    public static final JsonSerde<OrgStatus> STATUS = of(OrgStatus.class);
    public static final JsonSerde<DeadLetter> DEAD_LETTER = of(DeadLetter.class);
    public static final JsonSerde<FrontierEntry> FRONTIER = of(FrontierEntry.class);
    public static final JsonSerde<SeenState> SEEN = of(SeenState.class);

    private JsonSerde(Class<T> type, String typeName) {
        super(type, typeName, Json.MAPPER, "JSON");
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type, type.getSimpleName());
    }

    /**
     * Reads a topic's records into {@code view}, a record with only the fields a consumer uses (the
     * parser skips the others without decoding them). Failures name the topic's record type, as a
     * full read would.
     */
    public static <T> JsonSerde<T> view(Class<T> view, Class<?> of) {
        return new JsonSerde<>(view, of.getSimpleName());
    }
}
