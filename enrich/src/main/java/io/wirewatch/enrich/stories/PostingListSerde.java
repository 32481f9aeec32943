package io.wirewatch.enrich.stories;

import io.wirewatch.common.serde.SmileSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The posting store's value encoding ({@link PostingList}): its bytes as they are, written without
 * encoding anything. Values start with {@link PostingList#FORMAT}, which no Smile value starts with
 * (Smile's header is {@code :)\n}), so lists written before this encoding ({@link StoryProcessor.Postings}
 * in Smile) still decode, and are written in this encoding the next time they change. Malformed bytes
 * raise {@link SerializationException}, as the Jackson serdes do.
 */
public final class PostingListSerde implements Serde<PostingList> {

    private static final Deserializer<StoryProcessor.Postings> SMILE = SmileSerde.of(StoryProcessor.Postings.class).deserializer();

    @Override
    public Serializer<PostingList> serializer() {
        return (topic, p) -> p == null ? null : p.bytes();
    }

    @Override
    public Deserializer<PostingList> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length == 0 || bytes[0] != PostingList.FORMAT) {
                return PostingList.of(SMILE.deserialize(topic, bytes).storyIds()); // stored before this encoding
            }
            try {
                return new PostingList(bytes);
            } catch (RuntimeException e) {
                throw new SerializationException("not a valid posting list value: " + e, e);
            }
        };
    }
}
