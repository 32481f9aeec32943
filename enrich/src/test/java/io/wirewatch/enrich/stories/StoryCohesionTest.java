package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The join decision beyond the cosine: a story of three or more articles takes an article only at a cosine of at
 * least 0.3 × its cohesion (so a tight story does not drift into a second subject on one shared word), and among
 * the stories an article may join, a bigger one gains 0.02 × ln(size) (so a stray pair does not hold a big
 * story's follow-ups).
 */
class StoryCohesionTest {

    private final MapStoryStateStore store = new MapStoryStateStore();
    private final StoryClusterer clusterer = new StoryClusterer(store, StoryClusterer.Params.defaults());
    private final StorySimilarity similarity = new StorySimilarity(StoryClusterer.Params.defaults());

    private String assign(String id, String title, String text) {
        String day = "2026-03-02T10:00:00Z";
        return clusterer.assign(new EnrichedArticle(id, "https://example.test/" + id, null, "outlet.test", title, null,
                day, day, "en", text, List.of(), null, null, List.of())).storyId();
    }

    /** A tight story of four articles on one event, after background stories on other subjects. */
    private String tightStory() {
        String[] subjects = {"budget vote parliament deficit", "football final penalty shootout",
            "vaccine trial results hospital", "wildfire evacuation forest wind", "election polls candidate debate",
            "airline strike pilots cancelled"};
        for (int i = 0; i < subjects.length; i++) {
            assign("bg" + i, subjects[i], subjects[i] + " report city official");
        }
        String[] titles = {"Crane collapse at Rotterdam harbour", "Rotterdam harbour crane collapse",
            "Crane collapses in Rotterdam harbour", "Harbour crane collapse, Rotterdam"};
        String story = null;
        for (int i = 0; i < titles.length; i++) {
            story = assign("c" + i, titles[i], "crane collapse rotterdam harbour container terminal");
        }
        return story;
    }

    @Test
    void aTightStoryDoesNotTakeAnArticleThatSharesOneWordWithIt() {
        String story = tightStory();
        assertThat(StorySimilarity.cohesion(store.stories.get(story))).isGreaterThan(0.9);
        // one word in common: a cosine over the join threshold, under 0.3 of the story's cohesion
        String other = assign("y", "Fish festival at the harbour", "harbour fish market festival tourists music food stalls");
        assertThat(other).isNotEqualTo(story);
        assertThat(store.stories.get(story).articleIds()).doesNotContain("y");
    }

    @Test
    void aTightStoryStillTakesItsOwnFollowUp() {
        String story = tightStory();
        assertThat(assign("f", "Fish festival in Rotterdam harbour", "fish market festival tourists music rotterdam harbour"))
                .isEqualTo(story);
        assertThat(assign("g", "Inquiry into Rotterdam crane collapse", "inquiry crane collapse rotterdam harbour"))
                .isEqualTo(story);
    }

    @Test
    void cohesionIsTheMeanMemberCosineAndGuardsOnlyStoriesOfThreeOrMore() {
        // ten identical unit members: centroid norm 10, cohesion 1; ten orthogonal ones: norm sqrt(10)
        StoryState tight = story(10, Map.of("crane", 10.0));
        Map<String, Double> spread = new java.util.HashMap<>();
        for (int i = 0; i < 10; i++) {
            spread.put("t" + i, 1.0);
        }
        StoryState broad = story(10, spread);
        assertThat(StorySimilarity.cohesion(tight)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(StorySimilarity.cohesion(broad)).isCloseTo(Math.sqrt(10) / 10, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(similarity.admits(0.2, tight)).isFalse();
        assertThat(similarity.admits(0.2, broad)).isTrue();
        assertThat(similarity.admits(0.01, story(2, Map.of("crane", 2.0)))).as("two articles: no guard").isTrue();
    }

    @Test
    void aBigStoryOutranksASingleArticleAtASlightlyHigherCosine() {
        StoryState big = story(200, Map.of("x", 40.0));
        StoryState single = story(1, Map.of("x", 1.0));
        assertThat(similarity.rank(0.20, big)).isGreaterThan(similarity.rank(0.25, single));
        assertThat(similarity.rank(0.25, single)).isEqualTo(0.25);
        assertThat(similarity.rank(0.20, big)).isLessThan(similarity.rank(0.40, single));
    }

    private static StoryState story(int size, Map<String, Double> centroid) {
        return new StoryState("s-" + size, "h", null, null, null, 0, List.of(), List.of(), Map.of(), centroid, size);
    }
}
