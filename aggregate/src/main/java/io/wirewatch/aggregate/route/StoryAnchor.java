package io.wirewatch.aggregate.route;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.IOException;
import java.util.List;

/**
 * What aggregate reads of a story ({@code news.stories.v1}): its anchor date, its organisations,
 * and whether it lists any article. The article ids, which grow with the story, are skipped
 * without being decoded.
 */
public record StoryAnchor(String id, String anchorDate,
                          @JsonProperty("articleIds") @JsonDeserialize(using = NonEmptyArray.class) Boolean hasArticles,
                          List<String> organizations) {

    /** True for an array with at least one element; its elements are skipped. */
    static final class NonEmptyArray extends JsonDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                return Boolean.FALSE;
            }
            boolean any = false;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                any = true;
                p.skipChildren();
            }
            return any;
        }
    }
}
