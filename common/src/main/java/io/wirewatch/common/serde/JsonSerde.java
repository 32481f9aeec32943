package io.wirewatch.common.serde;

import io.wirewatch.common.model.DeadLetter;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.FrontierEntry;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.SeenState;
import io.wirewatch.common.model.Story;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * Jackson serdes for every record type, in one place. A value that does not parse raises
 * {@link SerializationException}, which the Streams deserialization handler routes to the DLQ.
 */
public final class JsonSerde<T> implements Serde<T> {

    public static final JsonSerde<RawArticle> RAW = of(RawArticle.class);
    public static final JsonSerde<EnrichedArticle> ENRICHED = of(EnrichedArticle.class);
    public static final JsonSerde<Story> STORY = of(Story.class);
    public static final JsonSerde<OrgStatus> STATUS = of(OrgStatus.class);
    public static final JsonSerde<DeadLetter> DEAD_LETTER = of(DeadLetter.class);
    public static final JsonSerde<FrontierEntry> FRONTIER = of(FrontierEntry.class);
    public static final JsonSerde<SeenState> SEEN = of(SeenState.class);

    private final Class<T> type;

    private JsonSerde(Class<T> type) {
        this.type = type;
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : Json.writeBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return Json.MAPPER.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("not a valid " + type.getSimpleName() + " JSON value: "
                        + e.getMessage(), e);
            }
        };
    }
}
