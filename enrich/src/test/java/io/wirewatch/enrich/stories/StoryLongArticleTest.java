package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long articles on one subject share far more ordinary words than names. Two events that differ only in
 * their names (people, places, firms) must still be two stories, and a second report of either event must
 * find its own story.
 */
class StoryLongArticleTest {

    private static final String[] SYLLABLES = {"ba", "ke", "lo", "mi", "nu", "ra", "se", "ti", "vo", "za", "do", "fe",
        "gu", "ha", "jo"};

    private final MapStoryStateStore store = new MapStoryStateStore();
    private final StoryClusterer clusterer = new StoryClusterer(store, StoryClusterer.Params.defaults());

    /** Made-up words from a numbered range, three syllables each, so that no word is a stop word or a name. */
    private static List<String> words(int from, int count) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            int n = SYLLABLES.length;
            out.add(SYLLABLES[i % n] + SYLLABLES[(i / n) % n] + SYLLABLES[(i / (n * n)) % n] + "x");
        }
        return out;
    }

    /** The shared vocabulary of the subject: ordinary words every report on it uses once. */
    private static final List<String> ORDINARY = words(0, 200);

    /** A report using every ordinary word once, in an order of its own (so that no two are near copies). */
    private String assign(String id, String title, List<String> names) {
        List<String> ordinary = new ArrayList<>(ORDINARY);
        Collections.shuffle(ordinary, new Random(id.hashCode()));
        return assign(id, title, names, ordinary);
    }

    private String assign(String id, String title, List<String> names, List<String> ordinary) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ordinary.size(); i++) {
            text.append(ordinary.get(i)).append(i % 12 == 11 ? ". " : " ");
            if (i % 25 == 0) {
                // the event's names come back through the report, as they do in a real one
                text.append(String.join(" ", names)).append(". ");
            }
        }
        String day = "2026-03-02T10:00:00Z";
        return clusterer.assign(new EnrichedArticle(id, "https://example.test/" + id, null, "outlet.test", title,
                null, day, day, "en", text.toString(), List.of(), null, null, List.of())).storyId();
    }

    /**
     * Earlier reports, each with names of its own and half of the ordinary words: those grow common, and the
     * document frequencies count enough articles for the vector to be cut.
     */
    private void background() {
        for (int i = 0; i < StoryClusterer.ARTICLE_TERMS_AFTER_DOCS; i++) {
            List<String> names = words(500 + 5 * i, 4);
            List<String> half = new ArrayList<>();
            for (int w = i % 2; w < ORDINARY.size(); w += 2) {
                half.add(ORDINARY.get(w));
            }
            Collections.shuffle(half, new Random(i));
            assign("bg" + i, String.join(" ", names.subList(0, 2)), names, half);
        }
    }

    @Test
    void twoEventsThatShareTheirOrdinaryWordsButNotTheirNamesAreTwoStories() {
        background();
        List<String> first = words(2000, 6);
        List<String> second = words(3000, 6);
        String a = assign("a1", first.get(0) + " " + first.get(1), first);
        String b = assign("b1", second.get(0) + " " + second.get(1), second);
        assertThat(b).as("a different event with the same ordinary words").isNotEqualTo(a);
        assertThat(assign("a2", first.get(0) + " " + first.get(2), first)).isEqualTo(a);
        assertThat(assign("b2", second.get(0) + " " + second.get(2), second)).isEqualTo(b);
    }

    @Test
    void aLongArticleKeepsOnlyItsStrongestTermsInItsStory() {
        background();
        List<String> names = words(1500, 6);
        String id = assign("solo", names.get(0) + " " + names.get(1), names);
        assertThat(store.stories.get(id).articleIds()).containsExactly("solo");
        assertThat(store.stories.get(id).centroid()).hasSize(StoryClusterer.ARTICLE_TERMS);
    }

    @Test
    void theFirstArticlesOfAStreamKeepAllTheirTerms() {
        // with a handful of articles counted, the frequencies cannot yet tell ordinary words from names
        List<String> names = words(1500, 6);
        String id = assign("first", names.get(0) + " " + names.get(1), names);
        assertThat(store.stories.get(id).centroid()).hasSizeGreaterThan(StoryClusterer.ARTICLE_TERMS);
    }
}
