package io.wirewatch.enrich.stories;

import io.wirewatch.common.serde.SmileSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Copy-detection keys by generation of event time, with Bloom filters in front of the look-ups. */
class NearCopyWindowTest {

    private static final long DAY = 24L * 3600 * 1000;
    private static final long WEEK = 7 * DAY;
    /** A generation's first millisecond, so that the tests know where windows start. */
    private static final long T0 = 2922 * WEEK;

    private KeyValueStore<String, String> texts;
    private KeyValueStore<String, String> bands;
    private KeyValueStore<String, NearDuplicates.Fingerprint> prints;
    private final AtomicLong bandGets = new AtomicLong();
    /** Range reads of the text and band stores (a load's passes over a generation). */
    private final AtomicLong ranges = new AtomicLong();

    @BeforeEach
    void open() {
        texts = InMemoryStores.open(StoryProcessor.TEXT_STORE, Serdes.String());
        bands = InMemoryStores.open(StoryProcessor.BANDS_STORE, Serdes.String());
        prints = InMemoryStores.open(StoryProcessor.FINGERPRINTS_STORE, SmileSerde.of(NearDuplicates.Fingerprint.class));
    }

    private NearCopyWindow window() {
        return new NearCopyWindow(counted(texts, null), counted(bands, bandGets), prints, WEEK);
    }

    /** A window whose first generation holds band keys k0..k(n-1) of articles a0..a(n-1). */
    private NearCopyWindow withBands(int n) {
        NearCopyWindow w = window();
        w.advance(T0 + DAY);
        for (int i = 0; i < n; i++) {
            w.putNearCopyBand("k" + i, "a" + i);
        }
        return w;
    }

    /** A week's window that wrote band "old" and text "h-old" (a1) in one generation, band "new" (a2) in the next. */
    private NearCopyWindow writtenInTwoGenerations() {
        NearCopyWindow w = window();
        w.advance(T0 + DAY);
        w.putNearCopyBand("old", "a1");
        w.putArticleWithText("h-old", "a1");
        w.advance(T0 + 8 * DAY);
        w.putNearCopyBand("new", "a2");
        return w;
    }

    @Test
    void keysAreFoundForOneToTwoWindowsAfterTheirLastWriteOrHit() {
        NearCopyWindow w = window();
        w.advance(T0 + 6 * DAY);
        w.putNearCopyBand("0:ab", "a1");
        w.putArticleWithText("h1", "a1");
        w.putFingerprint("a1", new NearDuplicates.Fingerprint("s-a1", "a1", new int[] {1, 2}));
        w.advance(T0 + 8 * DAY); // the next window: a1 is in the generation before
        assertThat(w.nearCopyBand("0:ab")).isEqualTo("a1");
        assertThat(w.fingerprint("a1").storyId()).isEqualTo("s-a1");
        w.advance(T0 + 15 * DAY); // two windows on: the band was hit (so copied on), the text hash was not
        assertThat(w.nearCopyBand("0:ab")).isEqualTo("a1");
        assertThat(w.fingerprint("a1")).isNotNull();
        assertThat(w.articleWithText("h1")).isNull();
        w.advance(T0 + 40 * DAY); // far past: nothing
        assertThat(w.nearCopyBand("0:ab")).isNull();
        assertThat(w.fingerprint("a1")).isNull();
    }

    @Test
    void anOlderOrUnknownOrFarFutureTimeDoesNotMoveTheClock() {
        NearCopyWindow w = window();
        w.advance(T0 + 8 * DAY);
        long g = w.currentGeneration();
        w.advance(T0);
        w.advance(-1);
        w.advance(System.currentTimeMillis() + 30 * DAY);
        assertThat(w.currentGeneration()).isEqualTo(g);
        w.putNearCopyBand("1:cd", "a2");
        assertThat(bands.get(NearCopyWindow.key(g, "1:cd"))).isEqualTo("a2");
        assertThat(bands.get(NearCopyWindow.CLOCK_KEY)).isEqualTo(Long.toString(T0 + 8 * DAY));
    }

    @Test
    void missesDoNotReadTheStore() {
        NearCopyWindow w = withBands(2000);
        w.advance(T0 + 8 * DAY);
        for (int i = 0; i < 2000; i++) {
            w.putNearCopyBand("n" + i, "b" + i);
        }
        bandGets.set(0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(w.nearCopyBand("miss" + i)).isNull();
        }
        // two live generations, 1% false positives each: about 200 reads, not 20,000
        assertThat(bandGets.get()).isLessThan(600);
        assertThat(w.nearCopyBand("k7")).isEqualTo("a7");
        assertThat(w.nearCopyBand("n7")).isEqualTo("b7");
    }

    @Test
    void aNewInstanceOverTheSameStoresRebuildsItsFiltersAndClock() {
        NearCopyWindow w = writtenInTwoGenerations();
        w.putFingerprint("a2", new NearDuplicates.Fingerprint("s-a2", "a2", new int[] {3}));

        // a restart: the first article is older than the stored clock, which stays
        NearCopyWindow restarted = window();
        restarted.advance(T0 + 2 * DAY);
        assertThat(restarted.currentGeneration()).isEqualTo(NearCopyWindow.generation(T0 + 8 * DAY, WEEK));
        assertThat(restarted.nearCopyBand("old")).isEqualTo("a1");
        assertThat(restarted.articleWithText("h-old")).isEqualTo("a1");
        assertThat(restarted.nearCopyBand("new")).isEqualTo("a2");
        assertThat(restarted.fingerprint("a2").storyId()).isEqualTo("s-a2");
        assertThat(restarted.nearCopyBand("never")).isNull();
    }

    /** 3,000 band keys and 500 text hashes in one generation, 2,000 band keys in the next, then a restart's load. */
    private NearCopyWindow restartedAfterTwoFullGenerations() {
        NearCopyWindow w = window();
        w.advance(T0 + DAY);
        for (int i = 0; i < 3000; i++) {
            w.putNearCopyBand("k" + i, "a" + i);
        }
        for (int i = 0; i < 500; i++) {
            w.putArticleWithText("h" + i, "a" + i);
        }
        w.advance(T0 + 8 * DAY);
        for (int i = 0; i < 2000; i++) {
            w.putNearCopyBand("n" + i, "b" + i);
        }
        ranges.set(0);
        NearCopyWindow restarted = window();
        restarted.advance(T0 + 9 * DAY);
        return restarted;
    }

    private void answersAsBeforeTheRestart(NearCopyWindow restarted) {
        for (int i = 0; i < 3000; i += 7) {
            assertThat(restarted.nearCopyBand("k" + i)).isEqualTo("a" + i);
        }
        for (int i = 0; i < 500; i += 7) {
            assertThat(restarted.articleWithText("h" + i)).isEqualTo("a" + i);
        }
        for (int i = 0; i < 2000; i += 7) {
            assertThat(restarted.nearCopyBand("n" + i)).isEqualTo("b" + i);
        }
        bandGets.set(0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(restarted.nearCopyBand("miss" + i)).isNull();
        }
        assertThat(bandGets.get()).as("filters sized for their keys: ~1% false positives each").isLessThan(600);
    }

    @Test
    void aRestartReadsEachLiveGenerationOnce() {
        NearCopyWindow restarted = restartedAfterTwoFullGenerations();
        assertThat(ranges.get()).as("texts and bands, the generation before and the current one").isEqualTo(4);
        answersAsBeforeTheRestart(restarted);
    }

    @Test
    void aStoreWrittenBeforeTheCountsWereKeptIsCountedOnceThenLoadsInOnePass() {
        restartedAfterTwoFullGenerations();
        bands.delete(NearCopyWindow.KEYS_KEY); // as an older version left it
        ranges.set(0);
        NearCopyWindow upgraded = window();
        upgraded.advance(T0 + 9 * DAY);
        assertThat(ranges.get()).as("the generation before counted, then both read").isEqualTo(6);
        answersAsBeforeTheRestart(upgraded);

        ranges.set(0);
        NearCopyWindow next = window();
        next.advance(T0 + 9 * DAY);
        assertThat(ranges.get()).isEqualTo(4);
        answersAsBeforeTheRestart(next);
    }

    @Test
    void theStoredCountsFollowTheKeysWithinTheSlackAndMoveWithTheGeneration() {
        NearCopyWindow w = window();
        w.advance(T0 + DAY);
        long g = w.currentGeneration();
        for (int i = 0; i < 5000; i++) {
            w.putNearCopyBand("k" + i, "a" + i);
            String[] f = bands.get(NearCopyWindow.KEYS_KEY).split(" ");
            assertThat(f[0]).isEqualTo(Long.toString(WEEK));
            assertThat(Long.parseLong(f[1])).isEqualTo(g);
            long stored = Long.parseLong(f[2]);
            assertThat(stored).isLessThanOrEqualTo(i + 1).isGreaterThan(i + 1 - NearCopyWindow.COUNT_SLACK);
        }
        w.advance(T0 + 8 * DAY);
        assertThat(bands.get(NearCopyWindow.KEYS_KEY)).isEqualTo(WEEK + " " + (g + 1) + " 0 5000");
        w.advance(T0 + 30 * DAY); // a jump past the next window: nothing written in either live generation
        assertThat(bands.get(NearCopyWindow.KEYS_KEY)).isEqualTo(WEEK + " " + NearCopyWindow.generation(T0 + 30 * DAY, WEEK) + " 0 0");
    }

    @Test
    void countsOfAnotherWindowAreNotUsed() {
        restartedAfterTwoFullGenerations();
        ranges.set(0);
        NearCopyWindow longer = new NearCopyWindow(counted(texts, null), counted(bands, null), prints, 2 * WEEK);
        longer.advance(T0 + 9 * DAY);
        assertThat(ranges.get()).as("counted first, as without counts").isEqualTo(6);
        assertThat(bands.get(NearCopyWindow.KEYS_KEY)).startsWith(2 * WEEK + " ");
    }

    @Test
    void aFilterFilledPastItsSizeIsRebuiltAndFindsEveryKey() {
        int n = 3 * NearCopyWindow.MIN_FILTER_KEYS;
        NearCopyWindow w = withBands(n);
        for (int i = 0; i < n; i += 997) {
            assertThat(w.nearCopyBand("k" + i)).isEqualTo("a" + i);
        }
        bandGets.set(0);
        for (int i = 0; i < 10_000; i++) {
            w.nearCopyBand("miss" + i);
        }
        assertThat(bandGets.get()).isLessThan(400);
    }

    @Test
    void keysOfWindowsThatFellOutAreSweptASliceAtATimeAndLiveOnesStay() {
        NearCopyWindow w = window();
        w.advance(T0 + DAY);
        for (int i = 0; i < 5; i++) {
            w.putNearCopyBand("old" + i, "a" + i);
            w.putArticleWithText("h-old" + i, "a" + i);
            w.putFingerprint("a" + i, new NearDuplicates.Fingerprint("s-a" + i, "a" + i, new int[] {i}));
        }
        w.advance(T0 + 8 * DAY);
        w.putNearCopyBand("prev", "b1");
        assertThat(w.sweep(100)).as("generation 0 is still the one before the current").isZero();

        w.advance(T0 + 15 * DAY); // generation 0 fell out: 15 keys to go, generation 1 and 2 stay
        w.putNearCopyBand("cur", "c1");
        int swept = 0;
        int slices = 0;
        for (int n; (n = w.sweep(4)) > 0; slices++) {
            assertThat(n).isLessThanOrEqualTo(4);
            swept += n;
        }
        assertThat(swept).isEqualTo(15);
        assertThat(slices).isEqualTo(4);
        long g0 = NearCopyWindow.generation(T0, WEEK);
        for (int i = 0; i < 5; i++) {
            assertThat(bands.get(NearCopyWindow.key(g0, "old" + i))).isNull();
            assertThat(texts.get(NearCopyWindow.key(g0, "h-old" + i))).isNull();
            assertThat(prints.get(NearCopyWindow.key(g0, "a" + i))).isNull();
        }
        assertThat(w.nearCopyBand("prev")).isEqualTo("b1");
        assertThat(w.nearCopyBand("cur")).isEqualTo("c1");
        assertThat(bands.get(NearCopyWindow.CLOCK_KEY)).isEqualTo(Long.toString(T0 + 15 * DAY));
        assertThat(w.sweep(100)).as("nothing left until the clock moves on").isZero();
    }

    @Test
    void afterTheWindowGrowsTheKeysOfTheShorterWindowsGenerationsAreSweptToo() {
        writtenInTwoGenerations();
        long oldGeneration = NearCopyWindow.generation(T0 + 8 * DAY, WEEK);

        // restarted with a window twice as long: the same times fall in generations half as high, so the keys
        // written under the week's generations sort after the current one, and are never read again
        NearCopyWindow longer = new NearCopyWindow(texts, bands, prints, 2 * WEEK);
        longer.advance(T0 + 9 * DAY);
        assertThat(longer.currentGeneration()).isLessThan(oldGeneration);
        longer.putNearCopyBand("live", "a3");
        int swept = 0;
        for (int n; (n = longer.sweep(1)) > 0; ) {
            swept += n;
        }
        assertThat(swept).isEqualTo(3);
        assertThat(bands.get(NearCopyWindow.key(oldGeneration, "new"))).isNull();
        assertThat(texts.get(NearCopyWindow.key(NearCopyWindow.generation(T0 + DAY, WEEK), "h-old"))).isNull();
        assertThat(longer.nearCopyBand("live")).isEqualTo("a3");
        assertThat(bands.get(NearCopyWindow.CLOCK_KEY)).isEqualTo(Long.toString(T0 + 9 * DAY));
    }

    @Test
    void aWindowMustBePositive() {
        assertThatThrownBy(() -> new NearCopyWindow(texts, bands, prints, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("near-copy window");
    }

    /** The store, counting its point reads in {@code gets} (unless null) and its range reads in {@link #ranges}. */
    private KeyValueStore<String, String> counted(KeyValueStore<String, String> store, AtomicLong gets) {
        return InMemoryStores.counting(store, gets, ranges);
    }
}
