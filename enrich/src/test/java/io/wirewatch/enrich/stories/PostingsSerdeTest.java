package io.wirewatch.enrich.stories;

import io.wirewatch.common.serde.SmileSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostingsSerdeTest {

    private final PostingsSerde serde = new PostingsSerde();

    private StoryProcessor.Postings roundTrip(List<String> ids) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", new StoryProcessor.Postings(ids)));
    }

    @Test
    void storyIdsOfHexDigitsAndAnyOtherIdsRoundTripToTheSameStrings() {
        Random r = new Random(3);
        for (int round = 0; round < 2000; round++) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < r.nextInt(40); i++) {
                String hex = String.format("%016x", r.nextLong());
                ids.add(switch (r.nextInt(8)) {
                    case 0 -> "s-" + hex.toUpperCase(); // not lower-case: kept as text
                    case 1 -> "s-" + hex.substring(1); // 15 digits
                    case 2 -> "x-" + hex;
                    case 3 -> "s-Küste-" + i;
                    case 4 -> "";
                    default -> "s-" + hex;
                });
            }
            assertThat(roundTrip(ids).storyIds()).isEqualTo(ids);
        }
        List<String> edges = List.of("s-ffffffffffffffff", "s-0000000000000000", "s-8000000000000000", "s-7fffffffffffffff");
        assertThat(roundTrip(edges).storyIds()).isEqualTo(edges);
        assertThat(roundTrip(List.of()).storyIds()).isEmpty();
        assertThat(roundTrip(null).storyIds()).isNull();
    }

    @Test
    void aListOfStoryIdsTakesAboutHalfItsSmileBytes() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            ids.add(String.format("s-%016x", 0x9e3779b97f4a7c15L * (i + 1)));
        }
        StoryProcessor.Postings p = new StoryProcessor.Postings(ids);
        int compact = serde.serializer().serialize("t", p).length;
        int smile = SmileSerde.of(StoryProcessor.Postings.class).serializer().serialize("t", p).length;
        assertThat(compact).isLessThan(smile * 6 / 10);
    }

    @Test
    void aListStoredInSmileBeforeDecodesToTheSameList() {
        StoryProcessor.Postings p = new StoryProcessor.Postings(List.of("s-0e4f851b44d0b681", "s-other"));
        byte[] old = SmileSerde.of(StoryProcessor.Postings.class).serializer().serialize("t", p);
        assertThat(old[0]).isNotEqualTo(PostingsSerde.MAGIC);
        assertThat(serde.deserializer().deserialize("t", old)).isEqualTo(p);
    }

    @Test
    void malformedBytesRaiseSerializationException() {
        byte[] good = serde.serializer().serialize("t", new StoryProcessor.Postings(List.of("s-0e4f851b44d0b681", "abc")));
        for (int cut = 1; cut < good.length; cut++) {
            byte[] b = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> serde.deserializer().deserialize("t", b)).isInstanceOf(SerializationException.class);
        }
        byte[] unknownTag = good.clone();
        unknownTag[2] = 7;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", unknownTag)).isInstanceOf(SerializationException.class);
    }
}
