package io.wirewatch.app.pipeline;

import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.serde.JsonSerde;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the stories table as the run files and `bench stories` do: redirects followed to live stories. */
class StoryTableTest {

    private static Story live(String id, String... articles) {
        return new Story(id, "h " + id, "2026-05-05", "2026-05-06", "2026-05-05", List.of(articles),
                List.of("one.example"), List.of(), List.of());
    }

    @Test
    void redirectsLeadToTheStoryThatListsTheAbsorbedArticles() {
        // s-a absorbed s-b, then s-c absorbed s-a: two hops for an article first given s-b
        StoryTable t = new StoryTable(List.of(Story.redirect("s-b", "h b", "s-a"), Story.redirect("s-a", "h a", "s-c"),
                live("s-c", "a1", "b1", "c1"), live("s-d", "d1")));
        assertThat(t.live()).extracting(Story::id).containsExactly("s-c", "s-d");
        assertThat(t.redirects()).containsOnlyKeys("s-a", "s-b");
        assertThat(t.resolve("s-b")).isEqualTo("s-c");
        assertThat(t.resolve("s-a")).isEqualTo("s-c");
        assertThat(t.resolve("s-d")).isEqualTo("s-d");
        assertThat(t.finalStory("b1", "s-b")).isEqualTo("s-c");
        assertThat(t.finalStory("d1", "s-d")).isEqualTo("s-d");
        assertThat(t.lists("b1")).isTrue();
    }

    @Test
    void anArticleNoStoryListsResolvesThroughItsRecordedStoryId() {
        // a story past the cap on listed ids still counts the article, and its id leads there
        StoryTable t = new StoryTable(List.of(Story.redirect("s-b", null, "s-a"), live("s-a", "a1")));
        assertThat(t.lists("b9")).isFalse();
        assertThat(t.finalStory("b9", "s-b")).isEqualTo("s-a");
        // a story id not on the table (yet) is its own answer
        assertThat(t.resolve("s-new")).isEqualTo("s-new");
    }

    @Test
    void aRedirectCycleResolvesToNothingInsteadOfLooping() {
        StoryTable t = new StoryTable(List.of(Story.redirect("s-a", null, "s-b"), Story.redirect("s-b", null, "s-a")));
        assertThat(t.resolve("s-a")).isNull();
        assertThat(t.live()).isEmpty();
    }

    @Test
    void storiesWithoutTheNewFieldsStillReadAsLiveStories() {
        // a value written before articleCount and mergedInto existed
        String old = "{\"id\":\"s-a\",\"headline\":\"h\",\"articleIds\":[\"a1\",\"a2\"],\"outlets\":[]}";
        Story s = JsonSerde.STORY.deserializer().deserialize("news.stories.v1", old.getBytes(StandardCharsets.UTF_8));
        assertThat(s.merged()).isFalse();
        assertThat(new StoryTable(List.of(s)).finalStory("a2", null)).isEqualTo("s-a");
        Story redirect = Json.read(Json.write(Story.redirect("s-b", "h", "s-a")), Story.class);
        assertThat(redirect.mergedInto()).isEqualTo("s-a");
        assertThat(redirect.articleIds()).isEmpty();
    }
}
