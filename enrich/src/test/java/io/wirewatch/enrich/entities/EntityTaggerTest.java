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

    private static List<Mention> mentions(String text) {
        return TAGGER.tag(text).mentions();
    }

    private static String idAt(String text, String surface) {
        int at = text.indexOf(surface);
        return mentions(text).stream().filter(m -> m.start() == at).map(Mention::id).findFirst().orElse(null);
    }

    @Test
    void transliterationsHyphensAndDiacriticsMatchOneEntity() {
        // spelling groups, hyphen and apostrophe folding, and diacritics: every form is the same organisation
        for (String form : List.of("al-Qaeda", "Al Qaida", "al-Qa'ida", "Al-Qa\u2019ida", "al Qaeda")) {
            assertThat(idAt("Officials blamed " + form + " for the attack.", form)).as(form).isEqualTo("al-qaeda");
        }
        assertThat(idAt("Hay'at Tahrir al-Sham and Hayat Tahrir al Sham.", "Hayat Tahrir al Sham"))
                .isEqualTo("hayat-tahrir-al-sham");
        assertThat(idAt("The Cartel del Golfo operates there.", "Cartel del Golfo")).isEqualTo("gulf-cartel");
        assertThat(idAt("Lashkar-i-Tayyiba was named.", "Lashkar-i-Tayyiba")).isEqualTo("lashkar-e-taiba");
        assertThat(idAt("Tehreek-e-Taliban Pakistan claimed it.", "Tehreek-e-Taliban Pakistan"))
                .isEqualTo("tehrik-i-taliban-pakistan");
        assertThat(entities("ISIS, ISIL and Daesh are one group.")).extracting(Entity::id).containsOnly("islamic-state");
    }

    @Test
    void caseMattersWordByWord() {
        // a capitalised alias word needs a capital; a lower-case one takes any case; headlines in capitals match
        assertThat(entities("the base was quiet and the proud boys slept")).isEmpty();
        assertThat(idAt("The Gulen Movement was named.", "Gulen Movement")).isEqualTo("gulen-movement");
        assertThat(idAt("THE TALIBAN RETURN", "TALIBAN")).isEqualTo("taliban");
        // an acronym alias matches only in capitals: "Eta" and "isis" are not organisations
        assertThat(entities("The Eta of the ship was noon; isis flowers bloomed.")).isEmpty();
    }

    @Test
    void aShortAmbiguousAliasNeedsItsFullNameOrAnInArticleDefinition() {
        assertThat(entities("The ADF said the drill went well.")).extracting(Entity::id)
                .doesNotContain("allied-democratic-forces");
        assertThat(idAt("The Allied Democratic Forces attacked. The ADF denied it.", "ADF"))
                .isEqualTo("allied-democratic-forces");
        // a national security council is not the UN's; after the UN is named, "the Security Council" is
        assertThat(entities("Russia's Security Council met.")).extracting(Entity::id).containsExactly("RU");
        assertThat(idAt("The UN imposed sanctions. The Security Council met.", "Security Council")).isEqualTo("UN");
        // a definition in parentheses wins over what the knowledge base says the acronym means
        String defined = "The Australian Defence Force (ADF) deployed. Later the ADF left.";
        assertThat(mentions(defined)).filteredOn(m -> defined.substring(m.start(), m.end()).equals("ADF"))
                .hasSize(2).extracting(Mention::id).containsOnly("australian-defence-force");
    }

    @Test
    void unknownOrganisationsDefineTheirOwnAcronyms() {
        String text = "The Coastal Liberation Front (CLF) claimed the attack. CLF fighters fled.";
        assertThat(entities(text)).filteredOn(e -> e.id().equals("coastal-liberation-front")).singleElement()
                .satisfies(e -> {
                    assertThat(e.mentions()).isEqualTo(3);
                    assertThat(e.aliases()).containsExactly("CLF");
                });
    }

    @Test
    void unknownOrganisationsByPrefixHeadAndContinuation() {
        assertThat(entities("Jaish al-Fatah and Liwa Harzaniyoun were listed. The Army of the Southern Hills fought"
                + " the Free Coast Front for the Liberation of Varonia."))
                .extracting(Entity::id)
                .contains("jaish-al-fatah", "liwa-harzaniyoun", "army-of-the-southern-hills",
                        "free-coast-front-for-the-liberation-of-varonia");
        // a sentence's first word and a head noun of another name are not part of the name
        assertThat(entities("Fighters of the Popular Front for the Liberation of Varonia attacked."))
                .extracting(Entity::id).containsExactly("popular-front-for-the-liberation-of-varonia");
        // a state inside the name is part of it; a state and a head alone are the state's own body
        assertThat(mentions("The Islamic Army of Iraq fought the Russian Army."))
                .extracting(Mention::id).containsExactly("islamic-army-of-iraq", "RU");
        // the same name gives the same id in any article
        assertThat(entities("the Sunrise Liberation Army")).extracting(Entity::id).containsExactly("sunrise-liberation-army");
    }

    @Test
    void titledPersonsAndTheirSurnames() {
        String text = "Interior Minister Jane Doemann announced it. Doemann said the group's leader Abu Hamza"
                + " al-Varani was gone. The Prosecutor General's Office agreed.";
        assertThat(mentions(text)).filteredOn(m -> m.type().equals("PER"))
                .extracting(Mention::id, Mention::via)
                .containsExactly(tuple("jane-doemann", "PATTERN"), tuple("jane-doemann", "SURNAME"),
                        tuple("abu-hamza-al-varani", "PATTERN"));
    }

    @Test
    void coreferenceAgreesWithTheNounWhenItCan() {
        String text = "The Northern Cartel and Hamas were discussed. The cartel denied it. The militants did not.";
        List<Mention> coref = mentions(text).stream().filter(m -> "COREF".equals(m.via())).toList();
        assertThat(coref).extracting(m -> text.substring(m.start(), m.end()), Mention::id)
                .containsExactly(tuple("The cartel", "northern-cartel"), tuple("The militants", "hamas"));
        // "the party" needs an antecedent named a party
        assertThat(mentions("Hamas spoke. The party congress met.")).noneMatch(m -> "COREF".equals(m.via()));
        assertThat(mentions("The Taliban returned. The movement said so.")).filteredOn(m -> "COREF".equals(m.via()))
                .singleElement().satisfies(m -> assertThat(m.id()).isEqualTo("taliban"));
    }

    @Test
    void nothingIsTaggedFromPageFurniture() {
        String text = "Share on Facebook Twitter Email\n"
                + "The court lifted the ban on Hamas.\n"
                + "Latest news\n"
                + "- Putin meets Xi in Beijing\n"
                + "- Kazakhstan wins four medals\n\n"
                + "- Wagner Group recruits in Mali\n";
        assertThat(entities(text)).extracting(Entity::id).containsExactly("hamas");
        // a trailing list of headlines is furniture even without its heading
        String list = "Hamas was banned.\n- Putin meets Xi\n- Trump visits Kyiv\n- Macron in Berlin";
        assertThat(entities(list)).extracting(Entity::id).containsExactly("hamas");
    }

    @Test
    void metonymsOfGovernmentsAndBodies() {
        assertThat(mentions("Washington, the Kremlin, Downing Street and Brussels reacted."))
                .extracting(Mention::jurisdiction).containsExactly("US", "RU", "GB", "EU");
    }

    @Test
    void listedOrganisationsUnderTheirFormerNamesAndShortForms() {
        // the TTP's name without "Pakistan" is still the TTP, never the Afghan Taliban
        assertThat(idAt("Tehrik-e-Taliban claimed the bombing.", "Tehrik-e-Taliban")).isEqualTo("tehrik-i-taliban-pakistan");
        assertThat(entities("Tehreek-i-Taliban claimed the bombing.")).extracting(Entity::id)
                .containsExactly("tehrik-i-taliban-pakistan");
        // AQIM's former name, whole (a pattern cut it at "and"), and its acronym once the group is named
        String gspc = "The Salafist Group for Preaching and Combat renamed itself. The GSPC became AQIM.";
        assertThat(mentions(gspc)).extracting(m -> gspc.substring(m.start(), m.end()), Mention::id).containsExactly(
                tuple("Salafist Group for Preaching and Combat", "aqim"), tuple("GSPC", "aqim"), tuple("AQIM", "aqim"));
        assertThat(entities("The GSPC board met on prices.")).isEmpty();
        assertThat(idAt("Wilayat Khorasan claimed it.", "Wilayat Khorasan")).isEqualTo("islamic-state-khorasan");
        // the Spanish name without "de", and the cartel written in lower case
        assertThat(idAt("El Cártel Jalisco Nueva Generación opera ahi.", "Cártel Jalisco Nueva Generación"))
                .isEqualTo("cjng");
        assertThat(idAt("Officials blamed the Jalisco cartel.", "Jalisco cartel")).isEqualTo("cjng");
        // two listings of one name are two organisations: Benghazi's and Darnah's
        assertThat(entities("Ansar al-Sharia in Derna and Ansar al-Sharia in Benghazi were listed."))
                .extracting(Entity::id).containsExactly("ansar-al-sharia-darnah", "ansar-al-sharia-benghazi");
    }

    @Test
    void organisationsOfTheUnAndUsListsTheTaggerLacked() {
        assertThat(entities("The Armed Islamic Group (GIA) was listed; the GIA denied it.")).extracting(Entity::id)
                .containsExactly("armed-islamic-group");
        assertThat(entities("The GIA data were late.")).isEmpty();
        assertThat(entities("Al-Itihaad al-Islamiya and AIAI were named.")).extracting(Entity::id)
                .containsExactly("al-ittihad-al-islami");
        assertThat(entities("Liwa Fatemiyoun and the Zainabiyoun Brigade fought.")).extracting(Entity::id)
                .containsExactly("liwa-fatemiyoun", "liwa-zainabiyoun");
    }

    @Test
    void centralAsianTransliterationsOfStatesAndLeaders() {
        assertThat(mentions("Qazaqstan, Tadzhikistan, Turkmenia and O'zbekiston signed.")).extracting(Mention::id)
                .containsExactly("KZ", "TJ", "TM", "UZ");
        // the Turkmen spelling and the Russian one are the same president; the father is another person
        assertThat(entities("Serdar Berdimuhamedow met Gurbanguly Berdymukhamedov in Ashgabat."))
                .extracting(Entity::id, Entity::type)
                .containsExactly(tuple("serdar-berdimuhamedov", "PER"), tuple("gurbanguly-berdimuhamedov", "PER"),
                        tuple("TM", "LOC"));
        // the surname alone is shared by both: the president only once the article has named him
        assertThat(entities("President Serdar Berdimuhamedov spoke. Berdymukhamedov said more."))
                .filteredOn(e -> e.type().equals("PER")).singleElement()
                .satisfies(e -> assertThat(e.mentions()).isEqualTo(2));
        assertThat(entities("Gurbanguly Berdimuhamedov spoke. Berdimuhamedov said more."))
                .extracting(Entity::id).doesNotContain("serdar-berdimuhamedov");
    }

    @Test
    void capitalsSharedWithOtherPlacesNameTheirStateOnlyBesideIt() {
        assertThat(mentions("Guyana's government in Georgetown, Costa Rica's in San José, Grenada's in St. George's,"
                + " the Seychelles' in Victoria and Antigua and Barbuda's in St. John's all reacted."))
                .filteredOn(m -> "METONYM".equals(m.via())).extracting(Mention::jurisdiction)
                .containsExactly("GY", "CR", "GD", "SC", "AG");
        // without the state in the article they are other places
        assertThat(entities("Students in Georgetown and San Jose met fans in Victoria and St. John's.")).isEmpty();
    }

    @Test
    void aPatternNameGoesOnPastAndBetweenWordsOfItsOwn() {
        assertThat(entities("The Coastal Front for Democracy and Justice claimed it.")).extracting(Entity::id)
                .containsExactly("coastal-front-for-democracy-and-justice");
        // a known entity, a head noun or a title after "and" begins something else
        assertThat(entities("The Coastal Front for Democracy and Morocco spoke.")).extracting(Entity::id)
                .containsExactly("coastal-front-for-democracy", "MA");
        assertThat(entities("The Coastal Front for Democracy and Hamas spoke.")).extracting(Entity::id)
                .containsExactly("coastal-front-for-democracy", "hamas");
        assertThat(entities("The Coastal Front for Democracy and Interior Minister Jane Doemann spoke."))
                .extracting(Entity::id).containsExactly("coastal-front-for-democracy", "jane-doemann");
        // "and" with a lower-case word after it ends the name, as before
        assertThat(entities("The Coastal Front for Democracy and the police met.")).extracting(Entity::id)
                .containsExactly("coastal-front-for-democracy");
    }

    @Test
    void theFormerRepublicIsTheStateAndTheEmirateIsTheTaliban() {
        String text = "The Islamic Republic of Afghanistan fell; the Islamic Emirate of Afghanistan took over.";
        // the whole official name is one mention of the state, not "Afghanistan" after two loose words
        assertThat(idAt(text, "Islamic Republic of Afghanistan")).isEqualTo("AF");
        assertThat(mentions(text)).extracting(Mention::id, Mention::type)
                .containsExactly(tuple("AF", "LOC"), tuple("taliban", "ORG"));
    }

    @Test
    void leadersOfStatesThatListWagnerAndHezbollahCarryTheirState() {
        String text = "Edgars Rinkevics, Evika Silina and Baiba Braze of Latvia, Alar Karis and Margus Tsahkna of"
                + " Estonia, Gitanas Nauseda, Santiago Pena and Lai Ching-te spoke.";
        assertThat(mentions(text)).filteredOn(m -> m.type().equals("PER")).extracting(Mention::jurisdiction)
                .containsExactly("LV", "LV", "LV", "EE", "EE", "LT", "PY", "TW");
        // a common surname alone is the leader only in an article that names the leader
        assertThat(entities("Pena and Michal met Karis.")).isEmpty();
        assertThat(mentions("Kristen Michal spoke. Michal said more.")).extracting(Mention::id)
                .containsExactly("kristen-michal", "kristen-michal");
    }

    @Test
    void frontsThatTheListsNameAsAliasesAreTheGroupItself() {
        String text = "The Falah-e-Insaniat Foundation and the Milli Muslim League raised funds; the Al-Rehmat Trust"
                + " did too, and the EU listed the Hizballah Military Wing.";
        assertThat(mentions(text)).filteredOn(m -> m.type().equals("ORG")).extracting(Mention::id)
                .containsExactly("lashkar-e-taiba", "lashkar-e-taiba", "jaish-e-mohammed", "hezbollah");
    }
}

