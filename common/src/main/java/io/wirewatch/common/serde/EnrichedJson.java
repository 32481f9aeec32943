package io.wirewatch.common.serde;

import io.wirewatch.common.model.EnrichedArticle;

import java.nio.charset.StandardCharsets;

/**
 * The {@code news.enriched.v1} JSON of an article, written where the article is tagged (on every partition)
 * before its story is known, and finished on the one story partition by splicing the story id and the
 * copied article in: the story thread then never encodes the article's text. The result is byte for byte
 * what {@link JsonSerde#ENRICHED} writes for the finished article.
 */
public final class EnrichedJson {

    /** How {@link Json#MAPPER} writes an article without a story; JSON escapes every quote inside a string. */
    private static final byte[] NO_STORY = "\"storyId\":null,\"duplicateOf\":null".getBytes(StandardCharsets.UTF_8);

    /** The article's JSON without a story, and where its story fields start (-1: not found, encode instead). */
    public record Template(byte[] json, int storyAt) {}

    private EnrichedJson() {}

    public static Template template(EnrichedArticle a) {
        byte[] json = Json.writeBytes(a.withStory(null, null));
        return new Template(json, lastIndexOf(json, NO_STORY));
    }

    /** The finished article's JSON; null when the template cannot take the story (the caller encodes it). */
    public static byte[] withStory(byte[] json, int storyAt, String storyId, String duplicateOf) {
        if (json == null || storyAt < 0 || storyAt + NO_STORY.length > json.length
                || !regionEquals(json, storyAt, NO_STORY)) {
            return null;
        }
        byte[] fields = ("\"storyId\":" + Json.write(storyId) + ",\"duplicateOf\":" + Json.write(duplicateOf))
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[json.length - NO_STORY.length + fields.length];
        System.arraycopy(json, 0, out, 0, storyAt);
        System.arraycopy(fields, 0, out, storyAt, fields.length);
        int rest = storyAt + NO_STORY.length;
        System.arraycopy(json, rest, out, storyAt + fields.length, json.length - rest);
        return out;
    }

    private static int lastIndexOf(byte[] b, byte[] pattern) {
        for (int i = b.length - pattern.length; i >= 0; i--) {
            if (regionEquals(b, i, pattern)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionEquals(byte[] b, int at, byte[] pattern) {
        for (int j = 0; j < pattern.length; j++) {
            if (b[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }
}
