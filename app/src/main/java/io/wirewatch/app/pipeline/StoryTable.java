package io.wirewatch.app.pipeline;

import io.wirewatch.common.model.Story;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code news.stories.v1} as a consumer holds it (latest value per story id): the live stories, and
 * the redirects that absorbed stories left behind. Resolves the story id an article was given when it
 * was processed to the live story that lists it now.
 */
public final class StoryTable {

    private final Map<String, Story> live = new LinkedHashMap<>();
    private final Map<String, String> mergedInto = new HashMap<>();
    private final Map<String, String> listedIn = new HashMap<>();

    public StoryTable(Collection<Story> latest) {
        for (Story s : latest) {
            if (s.merged()) {
                mergedInto.put(s.id(), s.mergedInto());
            } else {
                live.put(s.id(), s);
                if (s.articleIds() != null) {
                    s.articleIds().forEach(a -> listedIn.putIfAbsent(a, s.id()));
                }
            }
        }
    }

    /** The live stories, in the order given. */
    public List<Story> live() {
        return List.copyOf(live.values());
    }

    /** Absorbed story id → the story that absorbed it. */
    public Map<String, String> redirects() {
        return Map.copyOf(mergedInto);
    }

    /**
     * The live story a story id leads to, following redirects; the id itself when it is live or
     * unknown (an article whose story update is not on the table yet), null on a redirect cycle.
     */
    public String resolve(String storyId) {
        String id = storyId;
        for (int hops = 0; id != null && mergedInto.containsKey(id); hops++) {
            if (hops > mergedInto.size()) {
                return null;
            }
            id = mergedInto.get(id);
        }
        return id;
    }

    /**
     * The story of an article in the final table: the live story that lists it, else (a story lists at
     * most a capped number of ids) the one its recorded story id resolves to.
     */
    public String finalStory(String articleId, String recordedStoryId) {
        String listed = listedIn.get(articleId);
        return listed != null ? listed : resolve(recordedStoryId);
    }

    /** True when a live story lists the article. */
    public boolean lists(String articleId) {
        return listedIn.containsKey(articleId);
    }
}
