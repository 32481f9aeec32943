package io.wirewatch.enrich.entities;

import io.wirewatch.common.model.Entity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Entity linking over sentences written for these tests. */
class EntityTaggerTest {

    private static final EntityTagger TAGGER = new EntityTagger(KnowledgeBase.loadDefault());

    private static List<Entity> entities(String text) {
        return TAGGER.tag(text).entities();
    }

    @Test
    void aliasesResolveToTheCanonicalEntity() {
        List<Entity> es = entities("Analysts say Daesh and ISIL are two names for one group, and Hizballah is another.");

        assertThat(es).extracting(Entity::id, Entity::type, Entity::name)
                .contains(tuple("islamic-state", "ORG", "Islamic State"), tuple("hezbollah", "ORG", "Hezbollah"));
        Entity is = es.stream().filter(e -> e.id().equals("islamic-state")).findFirst().orElseThrow();
        assertThat(is.mentions()).isEqualTo(2);
        assertThat(is.aliases()).containsExactlyInAnyOrder("Daesh", "ISIL");
    }

    @Test
    void theLongestAliasWins() {
        // "Islamic State Khorasan" is its own organisation, not "Islamic State" plus a word
        assertThat(entities("A cell of Islamic State Khorasan was arrested.")).extracting(Entity::id)
                .contains("islamic-state-khorasan").doesNotContain("islamic-state");
    }

    @Test
    void anAmbiguousAliasNeedsAnUnambiguousNameOfTheSameEntity() {
        assertThat(entities("The TM brand sold well this year.")).extracting(Entity::id).doesNotContain("taliban");

        List<Entity> es = entities("The Taliban held talks. Officials said TM would attend.");
        assertThat(es).filteredOn(e -> e.id().equals("taliban")).singleElement()
                .satisfies(e -> {
                    assertThat(e.mentions()).isEqualTo(2);
                    assertThat(e.aliases()).contains("TM");
                });
    }

    @Test
    void demonymsAndMetonymsPointToTheirJurisdiction() {
        List<Mention> ms = TAGGER.tag("Kazakh officials met envoys from the Kremlin in Astana.").mentions();

        assertThat(ms).extracting(Mention::surface, Mention::type, Mention::jurisdiction, Mention::via)
                .contains(tuple("Kazakh", "LOC", "KZ", "DEMONYM"), tuple("Kremlin", "LOC", "RU", "METONYM"),
                        tuple("Astana", "LOC", "KZ", "METONYM"));
        // a demonym names the state in the entity list, but is not listed as one of its names
        assertThat(entities("Kazakh officials met in Astana.")).filteredOn(e -> e.id().equals("KZ")).singleElement()
                .satisfies(e -> {
                    assertThat(e.name()).isEqualTo("Kazakhstan");
                    assertThat(e.type()).isEqualTo("LOC");
                    assertThat(e.aliases()).isEmpty();
                });
    }

    @Test
    void aPossessiveStillNamesTheState() {
        assertThat(TAGGER.tag("Peru's court ruled.").mentions()).extracting(Mention::id, Mention::start, Mention::end)
                .containsExactly(tuple("PE", 0, 4));
    }

    @Test
    void personsCarryTheirState() {
        List<Mention> ms = TAGGER.tag("Sergey Lavrov spoke on Friday.").mentions();

        assertThat(ms).extracting(Mention::type, Mention::jurisdiction).containsExactly(tuple("PER", "RU"));
    }

    @Test
    void unknownOrganisationsAreFoundByTheirHeadNoun() {
        assertThat(entities("Members of the Coastal Liberation Front were arrested."))
                .extracting(Entity::id, Entity::type, Entity::name)
                .contains(tuple("coastal-liberation-front", "ORG", "Coastal Liberation Front"));
    }

    @Test
    void theGroupRefersToTheLastNamedOrganisation() {
        List<Mention> ms = TAGGER.tag("Boko Haram attacked a village. The group later withdrew.").mentions();

        assertThat(ms).filteredOn(m -> "COREF".equals(m.via())).singleElement()
                .satisfies(m -> assertThat(m.id()).isEqualTo("boko-haram"));
    }
}
