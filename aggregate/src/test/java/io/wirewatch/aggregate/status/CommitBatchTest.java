package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.time.DateExpr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static io.wirewatch.aggregate.status.Claims.article;
import static io.wirewatch.aggregate.status.Claims.claim;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service builds a table once per commit, from the rows that the commit's events touched
 * ({@link OrgFold#update} then {@link OrgFold#table}): at the end of every commit that table must be
 * the one the event-by-event fold has after the same events, and it is emitted exactly when it
 * differs from the table of the previous commit.
 */
class CommitBatchTest {

    /** The order-invariance events, a re-sent article, re-enriched versions that drop and change claims. */
    private static List<OrgEvent> events() {
        List<OrgEvent> e = new ArrayList<>(OrderInvarianceTest.events());
        e.add(e.get(0));
        e.add(article("art-b", "south-wire", null, "s1", null,
                claim("XA", "DELISTING_PENDING", DateExpr.ANCHOR, false, "Officials asked to lift the ban.")));
        e.add(article("art-c", "east-post", null, "s2", null)); // re-enriched without its claim
        e.add(OrgEvent.storyAnchor(Claims.ORG, "s1", "2025-03-30")); // the story's date moves
        for (int i = 0; i < 8; i++) {
            e.add(article("bulk-" + i, "outlet-" + (i % 3), i % 4 == 0 ? null : "2025-0" + (i % 3 + 1) + "-1" + i,
                    "s" + (i % 3), i % 2 == 0 ? null : "bulk-" + (i - 1),
                    claim(i % 3 == 0 ? "XC" : "XA", i % 2 == 0 ? "DESIGNATED" : "DELISTED",
                            i % 3 == 2 ? "FTO" : null, DateExpr.ANCHOR, false, "Report number " + i + ".")));
        }
        return e;
    }

    @Test
    void theTableOfEachCommitIsTheTableOfItsLastEvent() {
        List<OrgEvent> base = events();
        int emitted = 0;
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            List<OrgEvent> events = new ArrayList<>(base);
            Collections.shuffle(events, random);

            OrgFold single = new OrgFold(new MemoryFoldState());
            OrgFold batched = new OrgFold(seed % 2 == 0 ? new MemoryFoldState() : MemoryFoldState.serialized());
            String committed = Json.write((Object) null);
            int i = 0;
            while (i < events.size()) {
                int end = Math.min(events.size(), i + 1 + random.nextInt(6));
                OrgStatus expected = null;
                boolean any = false;
                Set<String> rows = new TreeSet<>();
                for (; i < end; i++) {
                    OrgFold.Change c = single.apply(events.get(i));
                    if (c.changed()) {
                        expected = c.status();
                        any = true;
                    }
                    Set<String> touched = batched.update(events.get(i));
                    if (touched != null) {
                        rows.addAll(touched);
                    }
                }
                String expectedJson = any ? Json.write(expected) : committed;
                OrgFold.Change c = batched.table(Claims.ORG, rows);
                String got = c.changed() ? Json.write(c.status()) : committed;
                assertThat(got).as("seed %d, commit ending at event %d", seed, end).isEqualTo(expectedJson);
                assertThat(c.changed()).as("emitted exactly when the table changed (seed %d)", seed)
                        .isEqualTo(!expectedJson.equals(committed));
                emitted += c.changed() ? 1 : 0;
                committed = expectedJson;
            }
        }
        assertThat(emitted).as("commits that changed the table").isGreaterThan(300);
    }
}
