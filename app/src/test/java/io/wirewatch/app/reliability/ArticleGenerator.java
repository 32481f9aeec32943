package io.wirewatch.app.reliability;

import io.wirewatch.common.model.RawArticle;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic raw articles about listings and delistings, written for these tests (sentences of our
 * own, organisations and jurisdictions from the knowledge base). Every article has a publish date, so
 * the status tables do not depend on story anchors, and distinct filler, so that no two articles are
 * near-copies whose {@code duplicateOf} could depend on arrival order.
 */
final class ArticleGenerator {

    private static final String[] ORGS = {"the Taliban", "Hamas", "Hezbollah", "al-Shabaab", "Boko Haram",
            "the Muslim Brotherhood", "the Wagner Group", "the Houthis", "Hayat Tahrir al-Sham", "the PKK"};
    private static final String[] PLACES = {"Russia", "Kazakhstan", "Kyrgyzstan", "Canada", "Australia", "Germany",
            "Japan", "Brazil", "Argentina", "New Zealand", "the United Kingdom", "France"};
    private static final String[] OUTLETS = {"steppe-ledger", "northline", "meridian-post", "caspian-courier",
            "harbour-gazette", "tidewater-times"};
    private static final String[] FILLER = ("river harvest lantern orchard copper meadow signal timber quarry bridge "
            + "ferry market granary beacon pasture furnace harbor cobalt saddle prairie kettle mill anvil tannery "
            + "vineyard lighthouse glacier canyon ledger almanac pigeon falcon thistle juniper walnut barley mortar "
            + "chisel bellows spindle loom pewter garnet basalt marble flint gravel estuary lagoon delta tributary "
            + "plateau ridge summit valley hollow thicket grove marsh fen heath moor dune reef shoal inlet cove").split(" ");

    private ArticleGenerator() {}

    static List<RawArticle> generate(int n, long seed) {
        Random rnd = new Random(seed);
        List<RawArticle> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String org = ORGS[rnd.nextInt(ORGS.length)];
            String place = PLACES[rnd.nextInt(PLACES.length)];
            LocalDate published = LocalDate.of(2018, 1, 1).plusDays(rnd.nextInt(2900));
            LocalDate event = published.minusDays(rnd.nextInt(5));
            String when = "on " + event.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                    + event.getDayOfMonth() + ", " + event.getYear();
            String cap = Character.toUpperCase(org.charAt(0)) + org.substring(1);
            String headline;
            String lead;
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    headline = place + " designates " + org + " a terrorist organisation";
                    lead = "The government of " + place + " designated " + org + " as a terrorist organisation " + when + ".";
                }
                case 1 -> {
                    headline = place + " lifts ban on " + org;
                    lead = "The supreme court of " + place + " lifted the ban on " + org + " " + when + ".";
                }
                case 2 -> {
                    headline = place + " removes " + org + " from its list";
                    lead = "Officials in " + place + " removed " + org + " from the list of banned organisations " + when + ".";
                }
                default -> {
                    headline = place + " bans " + org;
                    lead = "Lawmakers in " + place + " banned " + org + " " + when + ", the interior ministry said.";
                }
            }
            StringBuilder text = new StringBuilder(lead).append(' ');
            if (rnd.nextBoolean()) {
                text.append(cap).append(" had been banned in ").append(place).append(" since ")
                        .append(event.getYear() - 1 - rnd.nextInt(15)).append(". ");
            }
            for (int s = 0; s < 3; s++) {
                text.append(filler(rnd, i, s)).append(' ');
            }
            String id = String.format("gen-%05d", i);
            String outlet = OUTLETS[rnd.nextInt(OUTLETS.length)];
            String url = "https://" + outlet + ".example/news/" + id;
            out.add(new RawArticle(id, url, url, outlet, headline + " (" + id + ")", null,
                    published.toString(), "2025-06-01T00:00:00Z", "en", text.toString().trim()));
        }
        return out;
    }

    /** A sentence of rare words plus a token unique to the article, to keep articles apart in TF-IDF space. */
    private static String filler(Random rnd, int article, int sentence) {
        StringBuilder b = new StringBuilder("Reporters near the");
        for (int w = 0; w < 9; w++) {
            b.append(' ').append(FILLER[rnd.nextInt(FILLER.length)]);
        }
        b.append(" noted marker").append(Integer.toString(article * 7 + sentence, 36)).append("x.");
        return b.toString();
    }
}
