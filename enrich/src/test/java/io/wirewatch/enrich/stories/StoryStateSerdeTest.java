package io.wirewatch.enrich.stories;

import io.wirewatch.common.serde.SmileSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoryStateSerdeTest {

    private final StoryStateSerde serde = new StoryStateSerde();

    private StoryState roundTrip(StoryState s) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", s));
    }

    /** A story with {@code terms} centroid terms of random weights, some not ASCII. */
    private static StoryState story(int terms, long seed) {
        Random r = new Random(seed);
        Map<String, Double> c = new HashMap<>();
        for (int i = 0; i < terms; i++) {
            c.put((i % 7 == 0 ? "qüake-тест" : "term") + r.nextInt(1_000_000), r.nextDouble() * (r.nextBoolean() ? 1 : 1e-9));
        }
        return new StoryState("s-a-" + seed, "Ein Beben erschüttert die Küste", "2026-01-02T03:04:05Z",
                "2026-01-03T00:00:00Z", "2026-01-02", 1_767_322_000_000L + seed, List.of("a-1", "a-2", "a-3"),
                List.of("outlet.example", "другой.example"), Map.of("ORG/red-cross", 3, "LOC/jp", 1), c, 3);
    }

    @Test
    void aStoryRoundTripsToAnEqualStateWithTheExactWeightsAndNorm() {
        for (int terms : new int[] {0, 1, 200, 450}) {
            StoryState s = story(terms, terms);
            StoryState back = roundTrip(s);
            assertThat(back).isEqualTo(s);
            assertThat(back.centroidNorm()).isEqualTo(s.centroidNorm());
        }
    }

    @Test
    void nullFieldsAndNegativeTimesSurvive() {
        StoryState s = new StoryState("s-1", null, null, null, null, -1, List.of(), List.of(), Map.of(), Map.of("x", 0.5), 1);
        assertThat(roundTrip(s)).isEqualTo(s);
        StoryState noLists = new StoryState("s-2", "h", null, null, null, 5, null, null, null, null, 0, 0);
        assertThat(roundTrip(noLists)).isEqualTo(noLists);
    }

    @Test
    void theLastEventTimeReadsFromTheHeaderAloneOfBothBinaryForms() {
        for (int terms : new int[] {0, 200}) {
            StoryState s = story(terms, terms + 7);
            assertThat(StoryStateSerde.lastEventTime(StoryStateSerde.encode(s))).isEqualTo(s.lastEventTime());
            assertThat(StoryStateSerde.lastEventTime(StoryStateSerde.encodeHead(s))).isEqualTo(s.lastEventTime());
        }
        StoryState nulls = new StoryState("s-2", null, null, null, null, -5, null, null, null, null, 0, 0);
        assertThat(StoryStateSerde.lastEventTime(StoryStateSerde.encode(nulls))).isEqualTo(-5L);
        // a value stored in Smile is not read by header: the caller decodes it whole
        assertThat(StoryStateSerde.lastEventTime(SmileSerde.of(StoryState.class).serializer().serialize("t", nulls)))
                .isNull();
        byte[] cut = Arrays.copyOf(StoryStateSerde.encode(story(3, 1)), 12);
        assertThatThrownBy(() -> StoryStateSerde.lastEventTime(cut)).isInstanceOf(SerializationException.class);
    }

    @Test
    void aValueInTheOldSmileEncodingDecodesToTheSameState() {
        StoryState s = story(200, 42);
        byte[] old = SmileSerde.of(StoryState.class).serializer().serialize("t", s);
        assertThat(old[0]).isNotEqualTo(StoryStateSerde.MAGIC);
        assertThat(serde.deserializer().deserialize("t", old)).isEqualTo(s);
        // the compact value is the smaller one
        assertThat(serde.serializer().serialize("t", s).length).isLessThan(old.length);
    }

    @Test
    void anOldSmileValueWrittenBeforeTheNormWasStoredGetsItsNormComputed() {
        StoryState s = story(50, 7);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", s.id());
        fields.put("headline", s.headline());
        fields.put("lastEventTime", s.lastEventTime());
        fields.put("articleIds", s.articleIds());
        fields.put("outlets", s.outlets());
        fields.put("entityCounts", s.entityCounts());
        fields.put("centroid", s.centroid());
        fields.put("size", s.size());
        @SuppressWarnings({"unchecked", "rawtypes"})
        byte[] old = SmileSerde.of((Class<Map<String, Object>>) (Class) Map.class).serializer().serialize("t", fields);
        StoryState back = serde.deserializer().deserialize("t", old);
        assertThat(back.centroid()).isEqualTo(s.centroid());
        assertThat(back.centroidNorm()).isEqualTo(TextVectors.norm(s.centroid()));
    }

    @Test
    void truncatedOrPaddedValuesFailAsSerializationErrors() {
        byte[] ok = serde.serializer().serialize("t", story(20, 3));
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(ok, ok.length - 5)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(ok, ok.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("past the end");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {StoryStateSerde.MAGIC, (byte) 0xFF}))
                .isInstanceOf(SerializationException.class);
    }
}
