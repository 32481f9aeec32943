package io.wirewatch.enrich.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Page furniture in article text: link lists under a heading, trailing headline lists, share bars. */
class FurnitureTest {

    private static List<String> furniture(String text) {
        return Furniture.spans(text).stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    @Test
    void aHeadingAndTheHeadlinesUnderItAreFurniture() {
        String text = "The ban was lifted on Monday.\nRead more:\nCourt hears appeal\nMinisters meet in Astana\n"
                + "The hearing resumed on Friday, officials said.";
        assertThat(furniture(text)).containsExactly("Read more:\nCourt hears appeal\nMinisters meet in Astana");
    }

    @Test
    void proseAfterAHeadingWordIsNotFurniture() {
        // a heading followed by sentences is a heading of the article, not a link list
        assertThat(furniture("Related\nThe ministry said the ban would stay in force.")).isEmpty();
    }

    @Test
    void aShareBarIsFurnitureButASentenceAboutSharingIsNot() {
        assertThat(furniture("Share this article\nFacebook Twitter WhatsApp\nThe group shared a video on Telegram."))
                .containsExactly("Share this article", "Facebook Twitter WhatsApp");
    }

    @Test
    void aBulletedListInsideTheArticleStays() {
        // bullets that end in periods, or fewer than three at the end, are the article's own list
        assertThat(furniture("The court ruled:\n- The ban is lifted.\n- The list is updated.\n- Appeals are closed.")).isEmpty();
        assertThat(furniture("Key points\n\nThe text goes on.\n- one headline\n- another headline")).isEmpty();
    }

    @Test
    void aNavigationMenuIsFurnitureButAnOrdinaryLineWithASlashIsNot() {
        assertThat(furniture("Home | World | Asia | Politics\nKazakhstan lifted the ban.\nAdvertisement\nIt said more."))
                .containsExactly("Home | World | Asia | Politics", "Advertisement");
        assertThat(furniture("The ban covers 24/7 broadcasts | officials said it was lifted in 2024.")).isEmpty();
    }
}
