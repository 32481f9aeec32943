package io.wirewatch.ingest.extract;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ClassNamesTest {

    private static final String[] PIECES = {"nav", "side", "bar", "related", "Related", "share", "SHARE", "social",
            "content", "article", "body", "post", "meta", "entry", "byline", "ByLine", "author", "name", "most", "read",
            "popular", "screen", "reader", "text", "promo", "card", "x", "ad", "slot", "tag", "list", "sr", "only",
            "é", "İ", "ſ", "K", "-", "_", " ", "  ", "\t", "\n", "\u000B", "\u001F", "\u0001", "\u00a0", "\u2003"};

    @Test
    void theOnePassWayAgreesWithTheGeneralOneOnGeneratedNames() {
        Random rnd = new Random(7);
        ClassNames names = new ClassNames();
        int boilerplate = 0;
        int byline = 0;
        for (int n = 0; n < 50_000; n++) {
            String cls = generated(rnd);
            String id = rnd.nextInt(3) == 0 ? generated(rnd) : "";
            int fast = names.decide(cls, id);
            assertThat(fast).as("class [%s] id [%s]", cls, id).isEqualTo(ClassNames.decideGeneral(cls, id));
            assertThat(ClassNames.positive(cls, id)).as("class [%s] id [%s]", cls, id)
                    .isEqualTo(ClassNames.POSITIVE.matches((cls + " " + id).toLowerCase(java.util.Locale.ROOT)));
            boilerplate += fast & ClassNames.BOILERPLATE_NAME;
            byline += (fast & ClassNames.BYLINE_NAME) != 0 ? 1 : 0;
        }
        // the generated names reach both answers often, so the agreement says something
        assertThat(boilerplate).isGreaterThan(5_000);
        assertThat(byline).isGreaterThan(1_000);
    }

    @Test
    void wordsAdjacentAcrossClassAndIdMatchAHyphenatedEntry() {
        ClassNames names = new ClassNames();
        assertThat(names.decide("col side", "bar")).isEqualTo(ClassNames.BOILERPLATE_NAME);
        assertThat(names.decide("col", "side bar")).isEqualTo(ClassNames.BOILERPLATE_NAME);
        assertThat(names.decide("story side", "bar")).isZero(); // a word of the article itself wins
        assertThat(names.decide("Related-Posts", "")).isEqualTo(ClassNames.BOILERPLATE_NAME);
        assertThat(names.decide("related article-body", "")).isZero(); // the article's own words win
        assertThat(names.decide("", "ByLine")).isEqualTo(ClassNames.BOILERPLATE_NAME | ClassNames.BYLINE_NAME);
        assertThat(names.decide("x", "article-author")).isZero(); // only a class says article-author
        assertThat(names.decide("article-author", "")).isEqualTo(ClassNames.BYLINE_NAME);
        assertThat(names.decide("\u0001nav", "")).isEqualTo(ClassNames.BOILERPLATE_NAME); // trimmed, as before
    }

    private static String generated(Random rnd) {
        StringBuilder b = new StringBuilder();
        for (int k = rnd.nextInt(6); k >= 0; k--) {
            b.append(PIECES[rnd.nextInt(PIECES.length)]);
        }
        return b.toString();
    }
}
