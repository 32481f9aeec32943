package io.wirewatch.enrich.stories;

import io.wirewatch.common.serde.SmileSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Posting lists held and stored as their bytes ({@link PostingList}, {@link PostingListSerde}). */
class PostingListTest {

    private final PostingListSerde serde = new PostingListSerde();

    private PostingList roundTrip(PostingList p) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", p));
    }

    @Test
    void idsRoundTripThroughTheStoreIncludingLongAndNonAsciiOnes() {
        List<String> ids = List.of("s-a1", "s-ü-çé", "s-" + "x".repeat(300), "", "s-b2");
        PostingList p = PostingList.of(ids);
        assertThat(p.ids()).isEqualTo(ids);
        assertThat(p.size()).isEqualTo(5);
        PostingList back = roundTrip(p);
        assertThat(back.ids()).isEqualTo(ids);
        assertThat(back).isEqualTo(p);
        assertThat(roundTrip(PostingList.EMPTY).ids()).isEmpty();
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void listsStoredInSmileBeforeThisEncodingStillDecode() {
        byte[] old = SmileSerde.of(StoryProcessor.Postings.class).serializer()
                .serialize("t", new StoryProcessor.Postings(List.of("s-3", "s-2", "s-1")));
        PostingList p = serde.deserializer().deserialize("t", old);
        assertThat(p.ids()).containsExactly("s-3", "s-2", "s-1");
        assertThat(roundTrip(p).ids()).containsExactly("s-3", "s-2", "s-1"); // and are rewritten in the new one
        assertThat(serde.serializer().serialize("t", p)[0]).isEqualTo(PostingList.FORMAT);
    }

    @Test
    void malformedBytesRaiseASerializationException() {
        byte[] good = serde.serializer().serialize("t", PostingList.of(List.of("s-1", "s-2")));
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 1);
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", longer)).isInstanceOf(SerializationException.class);
    }

    @Test
    void withFirstPutsTheStoryFrontDropsItsEarlierPlaceAndCutsAsTheListDid() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            ids.add("s-" + i);
        }
        PostingList full = PostingList.of(ids);
        byte[] s7 = "s-7".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] fresh = "s-new".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        List<String> moved = new ArrayList<>(ids);
        moved.remove("s-7");
        moved.add(0, "s-7");
        assertThat(full.withFirst(s7, 32).ids()).isEqualTo(moved);

        List<String> pushed = new ArrayList<>(ids.subList(0, 31));
        pushed.add(0, "s-new");
        assertThat(full.withFirst(fresh, 32).ids()).isEqualTo(pushed);
        assertThat(full.withFirst(fresh, 4).ids()).containsExactly("s-new", "s-0", "s-1", "s-2");
        assertThat(PostingList.EMPTY.withFirst(fresh, 32).ids()).containsExactly("s-new");
        assertThat(full.isId(0, "s-0".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
        assertThat(full.isId(0, s7)).isFalse();
    }

    /**
     * The list {@code withFirst} builds from this list's bytes is the one the ids, put in front and cut as the
     * index does, encode to (bytes, offsets and hashes as a fresh parse has them), for every place of the story in
     * the list, every cut, and ids whose lengths take one or two varint bytes.
     */
    @Test
    void withFirstBuildsFromTheBytesExactlyTheListItsIdsEncodeTo() {
        java.util.Random r = new java.util.Random(3);
        for (int round = 0; round < 400; round++) {
            int n = r.nextInt(40);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add("s-" + i + (r.nextInt(10) == 0 ? "é".repeat(70) : ""));
            }
            PostingList list = PostingList.of(ids);
            String first = n > 0 && r.nextBoolean() ? ids.get(r.nextInt(n)) : "s-new" + "x".repeat(r.nextInt(3) * 70);
            int max = 1 + r.nextInt(36);
            List<String> expected = new ArrayList<>();
            expected.add(first);
            for (String id : ids) {
                if (expected.size() < max && !id.equals(first)) {
                    expected.add(id);
                }
            }
            PostingList built = list.withFirst(first.getBytes(java.nio.charset.StandardCharsets.UTF_8), max);
            PostingList parsed = new PostingList(built.bytes().clone());
            assertThat(built.ids()).isEqualTo(expected);
            assertThat(built).isEqualTo(PostingList.of(expected));
            for (int i = 0; i < built.size(); i++) {
                assertThat(built.hash(i)).isEqualTo(parsed.hash(i));
                assertThat(built.sameId(i, parsed, i)).isTrue();
            }
        }
    }
}
