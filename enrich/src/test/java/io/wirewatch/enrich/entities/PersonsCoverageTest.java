package io.wirewatch.enrich.entities;

import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.Entity;
import io.wirewatch.enrich.claims.ClaimExtractor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Persons cover the states of the knowledge base: every state has one, but for the states that
 * kb/README.md lists as still without one, and the README's counts are the files' own.
 */
class PersonsCoverageTest {

    private static final KnowledgeBase KB = KnowledgeBase.loadDefault();
    private static final EntityTagger TAGGER = new EntityTagger(KB);
    private static final ClaimExtractor EXTRACTOR = new ClaimExtractor(KB);

    /** The README's sentence with the list of states that have no person, as codes in backquotes. */
    private static final Pattern WITHOUT = Pattern.compile("States with no person yet:([^.]*)\\.");
    private static final Pattern CODE = Pattern.compile("`([A-Z]{2})`");
    /** "**Coverage**: 195 of the 197 states have at least one person ... 190 ... 120 ... 110 ..." */
    private static final Pattern COUNTS = Pattern.compile("(\\d+) of the (\\d+) states have at least one person"
            + " \\(a head of state for (\\d+), a head of government for (\\d+) and a foreign minister for (\\d+)\\)");

    private static Set<String> states() {
        return KB.entries().values().stream()
                .filter(e -> Entity.LOC.equals(e.type()) && "STATE".equals(e.kind()))
                .map(KnowledgeBase.Entry::id).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The states with at least one person of {@code role} (any role when null) as loaded. */
    private static Set<String> statesWith(String role) {
        Set<String> states = states();
        return KB.entries().values().stream()
                .filter(e -> Entity.PER.equals(e.type()) && e.jurisdiction() != null && states.contains(e.jurisdiction()))
                .filter(e -> role == null || role.equals(e.kind()))
                .map(KnowledgeBase.Entry::jurisdiction).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String readme() throws IOException {
        try (InputStream in = PersonsCoverageTest.class.getClassLoader().getResourceAsStream("kb/README.md")) {
            assertThat(in).as("kb/README.md on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyStateHasAPersonButTheOnesTheReadmeNames() throws IOException {
        Matcher m = WITHOUT.matcher(readme());
        assertThat(m.find()).as("kb/README.md has a line 'States with no person yet: ...'").isTrue();
        Set<String> documented = new TreeSet<>();
        Matcher c = CODE.matcher(m.group(1));
        while (c.find()) {
            documented.add(c.group(1));
        }
        Set<String> without = new TreeSet<>(states());
        without.removeAll(statesWith(null));

        assertThat(states()).containsAll(documented);
        // a row removed, or a state that gains a person, without the README's list following it fails here
        assertThat(without).as("states of jurisdictions.tsv with no person in persons.tsv")
                .containsExactlyElementsOf(documented);
    }

    @Test
    void theReadmeCountsAreTheLoadedOnes() throws IOException {
        Matcher m = COUNTS.matcher(readme().replaceAll("\\s+", " "));
        assertThat(m.find()).as("kb/README.md states the coverage counts").isTrue();

        assertThat(List.of(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5))).containsExactly(
                String.valueOf(statesWith(null).size()), String.valueOf(states().size()),
                String.valueOf(statesWith("head-of-state").size()), String.valueOf(statesWith("head-of-government").size()),
                String.valueOf(statesWith("foreign-minister").size()));
    }

    @Test
    void leadersOfSmallerStatesLinkWithTheirState() {
        String text = "Hakainde Hichilema met Emmerson Mnangagwa and Salva Kiir in Lusaka, while Mia Mottley, Xanana"
                + " Gusmão, Pope Leo XIV and Þorgerður Katrín Gunnarsdóttir sent messages.";
        assertThat(TAGGER.tag(text).mentions()).filteredOn(m -> m.type().equals("PER"))
                .extracting(Mention::id, Mention::jurisdiction, Mention::via)
                .containsExactly(tuple("hakainde-hichilema", "ZM", "NAME"), tuple("emmerson-mnangagwa", "ZW", "NAME"),
                        tuple("salva-kiir", "SS", "NAME"), tuple("mia-mottley", "BB", "NAME"),
                        tuple("xanana-gusmao", "TL", "NAME"), tuple("pope-leo-xiv", "VA", "NAME"),
                        tuple("thorgerdur-katrin-gunnarsdottir", "IS", "NAME"));
        // diacritics folded, and the spellings without them or without letters English lacks
        assertThat(TAGGER.tag("Faustin-Archange Touadera, Zeljko Komsic and Thorgerdur Katrin Gunnarsdottir spoke.")
                .entities()).extracting(Entity::id, Entity::type).containsExactly(
                        tuple("faustin-archange-touadera", "PER"), tuple("zeljko-komsic", "PER"),
                        tuple("thorgerdur-katrin-gunnarsdottir", "PER"));
        // the surname alone, later in the article
        assertThat(TAGGER.tag("Ousmane Sonko spoke in Dakar. Sonko said the talks would go on.").entities())
                .filteredOn(e -> e.type().equals("PER")).singleElement()
                .satisfies(e -> {
                    assertThat(e.id()).isEqualTo("ousmane-sonko");
                    assertThat(e.mentions()).isEqualTo(2);
                });
    }

    @Test
    void surnamesThatAreWordsOrOtherNamesNeedTheLeaderNamed() {
        // Boko Haram is the group, never Botswana's president
        assertThat(TAGGER.tag("Boko Haram attacked a village.").entities()).extracting(Entity::id)
                .containsExactly("boko-haram");
        assertThat(TAGGER.tag("Talon, Davis, Bio, Faye and Borg met Paz and Rama in Espot.").entities()).isEmpty();
        assertThat(TAGGER.tag("Duma Boko spoke. Boko said Boko Haram was not a threat to Botswana.").mentions())
                .extracting(Mention::id)
                .containsExactly("duma-boko", "duma-boko", "boko-haram", "BW");
        // La Paz is Bolivia's seat of government, not its president
        assertThat(TAGGER.tag("Rodrigo Paz returned to La Paz.").mentions()).extracting(Mention::id)
                .containsExactly("rodrigo-paz", "BO");
    }

    @Test
    void aNewLeaderMakesHisStateTheJurisdictionOfAClaim() {
        // no state named: the state of the official who acts
        String text = "President Hakainde Hichilema signed an order banning Hamas on Monday.";
        List<Claim> cs = EXTRACTOR.extract(text, TAGGER.tag(text).mentions(), "2025-06-02");
        assertThat(cs).extracting(Claim::org, Claim::jurisdiction).containsExactly(tuple("hamas", "ZM"));
    }
}
