package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The bound on the stories scored per article ({@code Params.candidates}), over a store of maps. */
class StoryCandidateBoundTest {

    private static final int K = 4;

    /** Counts the stories it decodes and the posting lists it reads. */
    private static final class MapStore extends MapStoryStateStore {
        final Set<String> decoded = new HashSet<>();
        final Set<String> postingsRead = new HashSet<>();

        @Override
        public StoryState story(String id) {
            decoded.add(id);
            return super.story(id);
        }

        /** As the topology's story store: a story past the window is told by its header, not decoded. */
        @Override
        public StoryState liveStory(String id, LongPredicate live) {
            StoryState s = super.story(id);
            if (s == null || !live.test(s.lastEventTime())) {
                return null;
            }
            decoded.add(id);
            return s;
        }

        @Override
        public PostingList postings(String term) {
            postingsRead.add(term);
            return super.postings(term);
        }
    }

    @Test
    void postingListsOfTermsNoArticleHadBeforeAreNotRead() {
        MapStore store = new MapStore();
        StoryClusterer clusterer = new StoryClusterer(store, StoryClusterer.Params.defaults());
        String first = clusterer.assign(article("a1", "Harbour crane collapse in Rotterdam",
                "harbour crane collapse rotterdam container terminal inquiry")).storyId();
        store.postingsRead.clear();
        String second = clusterer.assign(article("a2", "Harbour crane collapse: inquiry opens",
                "harbour crane collapse rotterdam inquiry opens zeebrugge")).storyId();
        // the new words are listed now, the known ones were read, and the follow-up found its story
        assertThat(store.postingsRead).contains("harbour", "crane").doesNotContain("opens", "zeebrugge");
        assertThat(store.postings("zeebrugge").ids()).containsExactly(second);
        assertThat(second).isEqualTo(first);
    }

    private static EnrichedArticle article(String id, String title, String text) {
        String day = "2026-03-02T10:00:00Z";
        return new EnrichedArticle(id, "https://example.test/" + id, null, "outlet.test", title, null, day, day, "en",
                text, List.of(), null, null, List.of());
    }

    /** Words of their own for story {@code i}, so that no two stories share more than the common words. */
    private static String own(int i, int n) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
            b.append("topic").append((char) ('a' + i % 26)).append((char) ('a' + i / 26)).append((char) ('a' + k))
                    .append(' ');
        }
        return b.toString();
    }

    @Test
    void anArticleWhoseKeysListMoreThanKStoriesJoinsTheOneSharingMostKeys() {
        MapStore store = new MapStore();
        StoryClusterer clusterer = new StoryClusterer(store, StoryClusterer.Params.defaults().withCandidates(K));
        String event = "harbour crane collapse rotterdam container terminal inquiry ";
        String target = clusterer.assign(article("t", "Harbour crane collapse in Rotterdam",
                event + event + own(99, 6))).storyId();
        // many later stories, each sharing only the common words with the follow-up: their ids come first
        // in the common words' posting lists (most recent first), ahead of the target story
        for (int i = 0; i < 3 * K; i++) {
            String sid = clusterer.assign(article("d" + i, own(i, 3), "harbour terminal " + own(i, 12) + own(i, 12)))
                    .storyId();
            assertThat(sid).isNotEqualTo(target);
        }
        assertThat(store.postings("harbour").ids()).hasSizeGreaterThan(K);

        store.decoded.clear();
        StoryClusterer.Assignment follow = clusterer.assign(article("f", "Rotterdam crane collapse inquiry",
                event + "investigators questioned the terminal operator"));

        assertThat(follow.storyId()).isEqualTo(target);
        assertThat(store.decoded).as("stories decoded for the follow-up").hasSizeLessThanOrEqualTo(K).contains(target);
    }

    /** A word of its own for marker {@code i}. */
    private static String marker(int i) {
        return "marker" + (char) ('a' + i % 26) + (char) ('a' + i / 26);
    }

    @Test
    void storiesListedUnderOneKeyOnlyTakeAQuarterOfTheSlots() {
        MapStore store = new MapStore();
        int k = 8;
        StoryClusterer clusterer = new StoryClusterer(store, StoryClusterer.Params.defaults().withCandidates(k));
        String shared = marker(0) + " " + marker(1) + " " + marker(2) + " ";
        String target = clusterer.assign(article("t", "Quarry blast", shared + shared + own(99, 6))).storyId();
        // later stories, each listed under one marker word only: they come after the target, which shares three
        StringBuilder all = new StringBuilder(shared);
        for (int i = 3; i < 15; i++) {
            String sid = clusterer.assign(article("d" + i, own(i, 3), marker(i) + " " + own(i, 12))).storyId();
            assertThat(sid).isNotEqualTo(target);
            all.append(marker(i)).append(' ');
        }

        store.decoded.clear();
        StoryClusterer.Assignment follow = clusterer.assign(article("f", "Quarry blast inquiry", all.toString()));

        assertThat(follow.storyId()).isEqualTo(target);
        assertThat(store.decoded).as("the target and at most k/4 stories sharing one key")
                .contains(target).hasSize(1 + k / StoryClusterer.ONE_KEY_SHARE);
    }

    @Test
    void aStoryPastTheWindowTakesNoSlot() {
        MapStore store = new MapStore();
        StoryClusterer clusterer = new StoryClusterer(store, StoryClusterer.Params.defaults().withCandidates(1));
        String event = "glacier dam breach valley evacuation alpine village ";
        String more = "moraine torrent debris ";
        String old = clusterer.assign(new EnrichedArticle("o", "https://example.test/o", null, "outlet.test",
                "Glacier dam breach", null, "2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z", "en", event + event + more,
                List.of(), null, null, List.of())).storyId();
        String live = clusterer.assign(article("l", "Glacier dam breach floods valley", event + own(3, 4))).storyId();
        assertThat(live).as("two months later: a story of its own").isNotEqualTo(old);

        // the old story shares more of the follow-up's keys, so it is listed first; it must not use the one slot
        StoryClusterer.Assignment follow = clusterer.assign(article("f", "Alpine village evacuated after dam breach",
                event + more));
        assertThat(follow.storyId()).isEqualTo(live);
        assertThat(store.decoded).doesNotContain(old);
    }

    @Test
    void storedCentroidNormIsTheCentroidsNorm() {
        StoryState s = new StoryState("s", "h", null, null, null, 0, List.of(), List.of(), Map.of(),
                Map.of("a", 3.0, "b", 4.0), 1);
        assertThat(s.centroidNorm()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
        StoryState decodedOld = new StoryState("s", "h", null, null, null, 0, List.of(), List.of(), Map.of(),
                Map.of("a", 3.0, "b", 4.0), 1, 0);
        assertThat(decodedOld.centroidNorm()).as("a value stored without a norm").isCloseTo(5.0,
                org.assertj.core.data.Offset.offset(1e-9));
    }
}
