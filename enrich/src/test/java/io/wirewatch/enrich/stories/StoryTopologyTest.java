package io.wirewatch.enrich.stories;

import io.wirewatch.common.Topics;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.common.serde.SmileSerde;
import io.wirewatch.common.time.IsoDates;
import io.wirewatch.enrich.EnrichService;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Story assignment through the real enrich topology on the TopologyTestDriver. */
class StoryTopologyTest {

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, EnrichedArticle> enriched;
    private TestOutputTopic<String, Story> stories;
    private final Map<String, EnrichedArticle> out = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        start(new Properties());
    }

    /** A driver over the service's topology with {@code settings} on top of the service's configuration. */
    private void start(Properties settings) {
        Properties p = EnrichService.config("unused:9092", "story-topology-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.putAll(settings);
        driver = new TopologyTestDriver(EnrichService.topology(), p);
        raw = driver.createInputTopic(Topics.RAW, new StringSerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(), JsonSerde.ENRICHED.deserializer());
        stories = driver.createOutputTopic(Topics.STORIES, new StringDeserializer(), JsonSerde.STORY.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private EnrichedArticle send(String id, String outlet, String published, String title, String text) {
        RawArticle a = new RawArticle(id, "https://" + outlet + "/" + id, null, outlet, title, null, published,
                published + "T12:00:00Z", "en", text);
        raw.pipeInput(id, Json.writeBytes(a));
        enriched.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value));
        return out.get(id);
    }

    private static final String FLOOD = "Heavy rain caused the river Elbe to burst its banks near Dresden on Tuesday, "
            + "flooding the old town and forcing the evacuation of thousands of residents. Rescue teams used boats "
            + "to reach stranded families, and the regional government declared a state of emergency.";
    private static final String FLOOD_EDITED = "Heavy rain caused the river Elbe to burst its banks near Dresden on "
            + "Tuesday, flooding the old town and forcing the evacuation of several thousand residents. Rescue teams "
            + "used boats to reach stranded families, and the regional government has declared a state of emergency.";
    private static final String FLOOD_OTHER_OUTLET = "Thousands of people were evacuated from Dresden after the Elbe "
            + "overflowed following days of heavy rain. The state of Saxony declared an emergency as water filled "
            + "streets in the old town and boats carried families to safety.";
    private static final String ELECTION = "Voters in Portugal elected a new parliament on Sunday. The centre-right "
            + "alliance won the most seats but fell short of a majority, and coalition talks are expected to last weeks.";

    @Test
    void exactCopiesAreDuplicatesInTheSameStory() {
        EnrichedArticle first = send("f1", "one.example", "2026-05-05", "Elbe floods Dresden old town", FLOOD);
        EnrichedArticle copy = send("f2", "two.example", "2026-05-05", "Elbe floods Dresden old town", FLOOD);
        assertThat(first.duplicateOf()).isNull();
        assertThat(copy.duplicateOf()).isEqualTo("f1");
        assertThat(copy.storyId()).isEqualTo(first.storyId());
    }

    @Test
    void nearCopiesAreDuplicatesInTheSameStory() {
        EnrichedArticle first = send("f1", "one.example", "2026-05-05", "Elbe floods Dresden old town", FLOOD);
        EnrichedArticle near = send("f2", "two.example", "2026-05-05", "Elbe floods Dresden's old town", FLOOD_EDITED);
        assertThat(near.duplicateOf()).isEqualTo("f1");
        assertThat(near.storyId()).isEqualTo(first.storyId());
    }

    @Test
    void twoOutletsOnOneEventShareAStoryWithoutBeingCopies() {
        EnrichedArticle first = send("f1", "one.example", "2026-05-05", "Elbe floods Dresden old town", FLOOD);
        EnrichedArticle other = send("f2", "two.example", "2026-05-05", "Dresden evacuated as Elbe overflows",
                FLOOD_OTHER_OUTLET);
        EnrichedArticle unrelated = send("e1", "one.example", "2026-05-05", "Portugal votes for a new parliament",
                ELECTION);
        assertThat(other.storyId()).isEqualTo(first.storyId());
        assertThat(other.duplicateOf()).isNull();
        assertThat(unrelated.storyId()).isNotEqualTo(first.storyId());

        Story story = last(stories.readKeyValuesToList(), first.storyId());
        assertThat(story.articleIds()).containsExactly("f1", "f2");
        assertThat(story.outlets()).containsExactly("one.example", "two.example");
        assertThat(story.headline()).isEqualTo("Elbe floods Dresden old town");
        assertThat(story.firstSeen()).isEqualTo("2026-05-05");
    }

    private static final String WAGNER_LISTING = "Estonia designated the Wagner Group a terrorist organization on "
            + "Monday. Lawmakers in Tallinn voted for the measure after a debate about mercenaries and security.";
    private static final String WAGNER_BAN = "Latvia's parliament banned the Wagner Group, citing the group's "
            + "operations in Africa. Officials in Riga said assets linked to it would be frozen.";

    @Test
    void twoEventsOnOneOrganisationAWeekApartAreTwoStories() {
        // a week is not past the default window (7 days): the story is still live, its pull has faded
        EnrichedArticle listing = send("w1", "one.example", "2026-03-02", "Estonia lists Wagner Group", WAGNER_LISTING);
        EnrichedArticle later = send("w2", "two.example", "2026-03-09", "Latvia bans Wagner Group", WAGNER_BAN);
        assertThat(later.storyId()).isNotEqualTo(listing.storyId());
    }

    @Test
    void twoEventsOnOneOrganisationDaysApartInsideTheWindowAreTwoStories() {
        // both headlines name the group: names alone reach the join threshold, the fading pull of a quiet story does not
        EnrichedArticle listing = send("w1", "one.example", "2026-03-02", "Estonia lists Wagner Group", WAGNER_LISTING);
        EnrichedArticle ban = send("w2", "two.example", "2026-03-05", "Latvia bans Wagner Group", WAGNER_BAN);
        EnrichedArticle sanctions = send("h1", "one.example", "2026-03-09", "Hamas leaders face new EU sanctions",
                "The European Union added three Hamas officials to its sanctions list, freezing their assets in "
                        + "member states and banning them from travel.");
        EnrichedArticle ceasefire = send("h2", "three.example", "2026-03-12", "Hamas says it accepts truce proposal",
                "Hamas told Egyptian and Qatari mediators it accepted a proposal for a six-week truce in Gaza, a "
                        + "spokesman said, while Israel said it was studying the reply.");
        assertThat(ban.storyId()).isNotEqualTo(listing.storyId());
        assertThat(ceasefire.storyId()).isNotEqualTo(sanctions.storyId());
        // and a later report of the same event, two days on, still joins it (see theStoryWindowIsADeploymentSetting
        // for three days)
        EnrichedArticle truceFollowUp = send("h3", "four.example", "2026-03-14", "Hamas truce reply under study",
                "Mediators in Cairo and Doha passed Hamas's reply accepting the six-week Gaza truce proposal to Israel, "
                        + "which said it was still studying it.");
        assertThat(truceFollowUp.storyId()).isEqualTo(ceasefire.storyId());
    }

    @Test
    void storiesExpireAfterTheWindow() {
        EnrichedArticle first = send("f1", "one.example", "2026-05-05", "Elbe floods Dresden old town", FLOOD);
        EnrichedArticle sameDay = send("f2", "two.example", "2026-05-05", "Dresden evacuated as Elbe overflows",
                FLOOD_OTHER_OUTLET);
        // the same text eight days later is a new story, and still a copy of the first article (copies are
        // remembered for one to two windows)
        EnrichedArticle weekLater = send("f3", "three.example", "2026-05-13", "Elbe floods Dresden old town", FLOOD);
        assertThat(sameDay.storyId()).isEqualTo(first.storyId());
        assertThat(weekLater.storyId()).isNotEqualTo(first.storyId());
        assertThat(weekLater.duplicateOf()).isEqualTo("f1");
        // a month after the last copy: forgotten (NearCopyWindow), so not a copy either
        EnrichedArticle monthLater = send("f4", "four.example", "2026-06-20", "Elbe floods Dresden old town", FLOOD);
        assertThat(monthLater.storyId()).isNotEqualTo(first.storyId()).isNotEqualTo(weekLater.storyId());
        assertThat(monthLater.duplicateOf()).isNull();
    }

    @Test
    void theStoryWindowIsADeploymentSetting() {
        // the service's 7 days: another outlet's report three days later joins the story
        EnrichedArticle first = send("f1", "one.example", "2026-05-05", "Elbe floods Dresden old town", FLOOD);
        EnrichedArticle later = send("f2", "two.example", "2026-05-08", "Dresden evacuated as Elbe overflows",
                FLOOD_OTHER_OUTLET);
        assertThat(later.storyId()).isEqualTo(first.storyId());

        // the same two articles where the deployment sets a window of two days: two stories, and a copy sent
        // three days after its original is no longer found as one
        driver.close();
        out.clear();
        Properties twoDays = new Properties();
        twoDays.put(StoryWindow.CONFIG, Long.toString(2 * 24 * 3600 * 1000L));
        start(twoDays);
        first = send("g1", "one.example", "2026-05-05", "Elbe floods Dresden old town", FLOOD);
        later = send("g2", "two.example", "2026-05-08", "Dresden evacuated as Elbe overflows", FLOOD_OTHER_OUTLET);
        EnrichedArticle copy = send("g3", "three.example", "2026-05-09", "Elbe floods Dresden old town", FLOOD);
        assertThat(later.storyId()).isNotEqualTo(first.storyId());
        assertThat(copy.duplicateOf()).isNull();
    }

    @Test
    void aStoryWindowOutOfRangeIsRefusedNamingTheSetting() {
        Properties p = new Properties();
        p.put(StoryWindow.CONFIG, "600000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnrichService.validate(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(StoryWindow.CONFIG).hasMessageContaining("an hour").hasMessageContaining("'600000'");
        p.put(StoryWindow.CONFIG, "a week");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnrichService.validate(p))
                .hasMessageContaining(StoryWindow.CONFIG);
        p.put(StoryWindow.CONFIG, Long.toString(StoryWindow.DEFAULT_MILLIS));
        EnrichService.validate(p);
    }

    @Test
    void theCopyKeyCountsAreOnTheChangelogSoARestoredStoreLoadsEachGenerationOnce() {
        send("f1", "one.example", "2026-05-05", "Elbe floods Dresden old town", FLOOD);
        send("e1", "two.example", "2026-05-06", "Voters in Portugal elect a parliament", ELECTION);
        // a restore writes the changelog's latest values into an empty store
        KeyValueStore<String, String> texts = restored(StoryProcessor.TEXT_STORE);
        KeyValueStore<String, String> bands = restored(StoryProcessor.BANDS_STORE);
        long window = StoryClusterer.Params.defaults().windowMillis();
        long g = NearCopyWindow.generation(IsoDates.toEpochMillis("2026-05-06T12:00:00Z"), window);
        String prefix = NearCopyWindow.key(g, "");
        long keys = keysStartingWith(texts, prefix) + keysStartingWith(bands, prefix);
        assertThat(keys).isGreaterThan(2);
        String[] counts = bands.get(NearCopyWindow.KEYS_KEY).split(" ");
        assertThat(counts[0]).isEqualTo(Long.toString(window));
        assertThat(Long.parseLong(counts[1])).isEqualTo(g);
        assertThat(Long.parseLong(counts[2])).isBetween(keys - NearCopyWindow.COUNT_SLACK + 1, keys);

        AtomicLong ranges = new AtomicLong();
        NearCopyWindow w = new NearCopyWindow(InMemoryStores.counting(texts, null, ranges),
                InMemoryStores.counting(bands, null, ranges),
                InMemoryStores.open(StoryProcessor.FINGERPRINTS_STORE, SmileSerde.of(NearDuplicates.Fingerprint.class)),
                window);
        w.advance(IsoDates.toEpochMillis("2026-05-07T12:00:00Z"));
        assertThat(ranges.get()).as("texts and bands, two generations, one read each").isEqualTo(4);
        String band = firstKeyStartingWith(bands, prefix);
        assertThat(w.nearCopyBand(band.substring(prefix.length()))).isIn("f1", "e1");
        String hash = firstKeyStartingWith(texts, prefix);
        assertThat(w.articleWithText(hash.substring(prefix.length()))).isIn("f1", "e1");
        assertThat(w.nearCopyBand("no-such-band")).isNull();
    }

    /** A store as a restore leaves it: the latest value of each key on its changelog (a tombstone deletes). */
    private KeyValueStore<String, String> restored(String store) {
        KeyValueStore<String, String> s = InMemoryStores.open(store, Serdes.String());
        var changelog = driver.createOutputTopic("story-topology-test-" + store + "-changelog",
                new StringDeserializer(), new StringDeserializer());
        for (var kv : changelog.readKeyValuesToList()) {
            if (kv.value == null) {
                s.delete(kv.key);
            } else {
                s.put(kv.key, kv.value);
            }
        }
        return s;
    }

    private static String firstKeyStartingWith(KeyValueStore<String, String> store, String prefix) {
        try (var it = store.all()) {
            while (it.hasNext()) {
                String k = it.next().key;
                if (k.startsWith(prefix)) {
                    return k;
                }
            }
        }
        throw new AssertionError("no key starts with " + prefix);
    }

    @Test
    void copyKeysOfAWindowThatFellOutAreDeletedByTheWallClockSweep() {
        send("f1", "one.example", "2026-05-05", "Elbe floods Dresden old town", FLOOD);
        send("f2", "two.example", "2026-06-20", "Voters in Portugal elect a parliament", ELECTION);
        KeyValueStore<String, String> bands = driver.getKeyValueStore(StoryProcessor.BANDS_STORE);
        KeyValueStore<String, String> texts = driver.getKeyValueStore(StoryProcessor.TEXT_STORE);
        String oldPrefix = NearCopyWindow.key(NearCopyWindow.generation(IsoDates.toEpochMillis("2026-05-05T12:00:00Z"),
                StoryClusterer.Params.defaults().windowMillis()), "");
        assertThat(keysStartingWith(bands, oldPrefix)).isPositive();
        assertThat(keysStartingWith(texts, oldPrefix)).isEqualTo(1);

        driver.advanceWallClockTime(StoryProcessor.SWEEP_INTERVAL);

        assertThat(keysStartingWith(bands, oldPrefix)).isZero();
        assertThat(keysStartingWith(texts, oldPrefix)).isZero();
        assertThat(keysStartingWith(texts, "")).as("the live window's text hash stays").isEqualTo(1);
    }

    private static long keysStartingWith(KeyValueStore<String, String> store, String prefix) {
        long n = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                if (it.next().key.startsWith(prefix)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static final String ERUPTION = "Lava fountains rose from a fissure as the volcano erupted overnight, "
            + "seismologists reported. The eruption sent magma across the peninsula.";
    private static final String EVACUATION = "Residents of the fishing town left their homes as roads cracked, and "
            + "police closed access to the harbour, officials said.";
    /** A round-up telling both. */
    private static final String ROUNDUP = "Lava fountains rose from a fissure as the volcano erupted overnight and "
            + "magma spread across the peninsula. Residents of the fishing town left their homes as roads cracked; "
            + "police closed access to the harbour.";
    private static final String HARBOUR = "Police kept access to the fishing town closed as residents waited to "
            + "return to their homes and roads cracked further.";

    @Test
    void aFragmentOfAStoryIsAbsorbedOnceAnArticleBridgesThem() {
        send("e1", "one.example", "2026-05-05", "Portugal votes for a new parliament", ELECTION);
        EnrichedArticle eruption = send("v1", "one.example", "2026-05-05", "Volcano erupts on Reykjanes peninsula",
                ERUPTION);
        EnrichedArticle evacuation = send("v2", "two.example", "2026-05-05", "Grindavik residents evacuated",
                EVACUATION);
        // two reports of one event that share no words yet: two stories for now
        assertThat(evacuation.storyId()).isNotEqualTo(eruption.storyId());

        // the round-up joins one, and the grown story now resembles the other
        EnrichedArticle bridge = send("v3", "three.example", "2026-05-05",
                "Volcano erupts on Reykjanes peninsula, Grindavik residents evacuated", ROUNDUP);
        EnrichedArticle later = send("v4", "four.example", "2026-05-06", "Grindavik harbour closed", HARBOUR);

        // one story from then on
        assertThat(later.storyId()).isEqualTo(bridge.storyId());
        assertThat(bridge.storyId()).isIn(eruption.storyId(), evacuation.storyId());
        String absorbed = bridge.storyId().equals(eruption.storyId()) ? evacuation.storyId() : eruption.storyId();
        // the storyId each article got when it was processed stays what it was (news.enriched.v1)
        assertThat(out.get("v1").storyId()).isEqualTo(eruption.storyId());
        assertThat(out.get("v2").storyId()).isEqualTo(evacuation.storyId());

        // the table shows the merge: the survivor lists the articles of both, with both outlets and the
        // absorbed story's dates; the absorbed story is a redirect to it that lists nothing
        var updates = stories.readKeyValuesToList();
        Story survivor = last(updates, bridge.storyId());
        assertThat(survivor.articleIds()).containsExactlyInAnyOrder("v1", "v2", "v3", "v4");
        assertThat(survivor.articleCount()).isEqualTo(4);
        assertThat(survivor.outlets()).containsExactlyInAnyOrder("one.example", "two.example", "three.example",
                "four.example");
        assertThat(survivor.firstSeen()).isEqualTo("2026-05-05");
        assertThat(survivor.lastSeen()).isEqualTo("2026-05-06");
        assertThat(survivor.anchorDate()).isEqualTo("2026-05-05");
        assertThat(survivor.mergedInto()).isNull();
        Story redirect = last(updates, absorbed);
        assertThat(redirect.mergedInto()).isEqualTo(survivor.id());
        assertThat(redirect.articleIds()).isEmpty();
        assertThat(redirect.anchorDate()).as("a redirect routes no anchor date").isNull();
        // the redirect comes after the survivor's update that took the absorbed articles
        int redirectAt = updates.indexOf(updates.stream().filter(kv -> kv.key.equals(absorbed) && kv.value.merged())
                .findFirst().orElseThrow());
        assertThat(updates.subList(0, redirectAt)).anySatisfy(kv -> {
            assertThat(kv.key).isEqualTo(survivor.id());
            assertThat(kv.value.articleIds()).contains(out.get(absorbed.equals(eruption.storyId()) ? "v1" : "v2").id());
        });
        Story unrelated = last(updates, out.get("e1").storyId());
        assertThat(unrelated).as("an unrelated story is left alone").isNotNull();
        assertThat(unrelated.articleIds()).containsExactly("e1");
        assertThat(unrelated.mergedInto()).isNull();
    }

    private static Story last(List<KeyValue<String, Story>> updates, String storyId) {
        return updates.stream().filter(kv -> kv.key.equals(storyId)).reduce((x, y) -> y).orElseThrow().value;
    }
}
