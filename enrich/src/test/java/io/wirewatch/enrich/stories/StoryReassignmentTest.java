package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Story;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Re-assignment of single-article stories: once a story has grown, a story of one article that it now
 * reaches at the join threshold is absorbed (the article would join it now); larger fragments still need
 * the merge threshold, and an article sharing only general words stays on its own.
 */
class StoryReassignmentTest {

    private final MapStoryStateStore store = new MapStoryStateStore();
    private final StoryClusterer clusterer = new StoryClusterer(store, StoryClusterer.Params.defaults());
    private final List<String> absorbed = new ArrayList<>();

    private StoryClusterer.Assignment assign(String id, String title, String text) {
        String day = "2026-03-02T10:00:00Z";
        StoryClusterer.Assignment as = clusterer.assign(new EnrichedArticle(id, "https://example.test/" + id, null,
                "outlet.test", title, null, day, day, "en", text, List.of(), null, null, List.of()));
        as.redirects().stream().map(Story::id).forEach(absorbed::add);
        return as;
    }

    /** Background stories on other subjects, so that document frequencies look like a stream's. */
    private void background() {
        String[] subjects = {"budget vote parliament deficit", "football final penalty shootout",
            "vaccine trial results hospital", "wildfire evacuation forest wind", "election polls candidate debate",
            "airline strike pilots cancelled"};
        for (int i = 0; i < subjects.length; i++) {
            assign("bg" + i, subjects[i], subjects[i] + " report city official");
        }
    }

    /** Starts the story and the short article on its side subject; returns {story id, the article's story id}. */
    private String[] storyAndFollowUp() {
        background();
        String story = assign("s1", "Crane collapse at Rotterdam harbour",
                "crane collapse rotterdam harbour container terminal inquiry").storyId();
        String early = assign("x", "Dockers union demands safety checks", "dockers union safety inspectors cranes")
                .storyId();
        assertThat(early).as("too little in common with the story yet").isNotEqualTo(story);
        return new String[] {story, early};
    }

    @Test
    void aShortFollowUpThatStartedAloneIsAbsorbedOnceTheStoryGrowsTowardsIt() {
        String[] ids = storyAndFollowUp();
        for (int i = 0; i < 4; i++) {
            // the story's centroid moves towards the union's side (cosine to the article about 0.2: under the
            // merge threshold, over the join threshold)
            assign("g" + i, "Rotterdam crane collapse: union calls for inspectors",
                    "crane collapse rotterdam harbour terminal union inspectors");
        }
        assertThat(absorbed).as("the single-article story is absorbed").contains(ids[1]);
        assertThat(store.stories.get(ids[0]).articleIds()).contains("x");
        assertThat(store.stories).doesNotContainKey(ids[1]);
    }

    @Test
    void aSingleArticleSharingOneWordWithTheGrownStoryStaysOnItsOwn() {
        String[] ids = storyAndFollowUp();
        for (int i = 0; i < 4; i++) {
            assign("g" + i, "Rotterdam crane collapse inquiry widens",
                    "crane collapse rotterdam harbour terminal inquiry union");
        }
        assertThat(absorbed).doesNotContain(ids[1]);
        assertThat(store.stories.get(ids[1]).articleIds()).containsExactly("x");
    }

    @Test
    void aFragmentOfTwoNeedsTheMergeThreshold() {
        StoryState grown = new StoryState("s-big", "h", null, null, null, 0, List.of("a", "b", "c"), List.of(),
                java.util.Map.of(), java.util.Map.of("crane", 1.0), 3);
        StoryState single = new StoryState("s-one", "h", null, null, null, 0, List.of("x"), List.of(),
                java.util.Map.of(), java.util.Map.of("crane", 1.0), 1);
        StoryState pair = new StoryState("s-two", "h", null, null, null, 0, List.of("x", "y"), List.of(),
                java.util.Map.of(), java.util.Map.of("crane", 1.0), 2);
        StoryClusterer.Params p = StoryClusterer.Params.defaults();
        assertThat(clusterer.mergeThreshold(grown, single)).isEqualTo(p.threshold());
        assertThat(clusterer.mergeThreshold(single, grown)).isEqualTo(p.threshold());
        assertThat(clusterer.mergeThreshold(grown, pair)).isEqualTo(p.mergeThreshold());
    }
}
