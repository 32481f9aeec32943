package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.time.DateExpr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.wirewatch.aggregate.status.Claims.article;
import static io.wirewatch.aggregate.status.Claims.claim;
import static org.assertj.core.api.Assertions.assertThat;

/** The contract: the same articles in any order give the same tables. */
class OrderInvarianceTest {

    private static final DateExpr APRIL_17 = DateExpr.monthDay(4, 17, false);

    static List<OrgEvent> events() {
        List<OrgEvent> e = new ArrayList<>();
        e.add(article("art-a", "north-herald", "2025-04-21", "s1", null,
                claim("XA", "DESIGNATED", DateExpr.absolute(2003, null, null), true, "Xland banned it in 2003."),
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 the court lifted the ban."),
                claim("UN", "SANCTIONED", "sanctions", DateExpr.UNKNOWN, false, "It stays under UN sanctions.")));
        e.add(article("art-b", "south-wire", null, "s1", null,
                claim("XA", "DELISTING_PENDING", DateExpr.ANCHOR, false, "Officials asked to lift the ban."),
                claim("XB", "DELISTED", DateExpr.UNKNOWN, false, "Yland has already lifted its ban.")));
        e.add(article("art-c", "east-post", null, "s2", null,
                claim("XA", "DELISTING_PENDING", DateExpr.monthDay(4, 17, true), false,
                        "If the court agrees on April 17, the ban would end.")));
        e.add(article("art-d", "copy-desk", "2025-04-22", "s1", "art-a",
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 the court lifted the ban.")));
        e.add(OrgEvent.storyAnchor(Claims.ORG, "s1", "2025-04-21"));
        e.add(OrgEvent.storyAnchor(Claims.ORG, "s2", "2025-04-02"));
        // another article names the organisation differently
        Claim other = new Claim(Claims.ORG, "Red Lantern", "XB", "Land XB", "DELISTED", null,
                DateExpr.absolute(2024, null, null), null, false, "Yland lifted the ban in 2024.", 0.9);
        Claim fto = new Claim(Claims.ORG, "Red Lantern", "XU", "Land XU", "DESIGNATED", "FTO",
                DateExpr.UNKNOWN, null, false, "Xunited lists it as a foreign terrorist organization.", 0.9);
        e.add(OrgEvent.claims(Claims.ORG, "Red Lantern", List.of("Lanterns", "RLF"), "art-e", List.of(
                new ClaimRecord(other, "art-e", "https://west.example/e", "west-news", "2024-11-30", null, null),
                new ClaimRecord(fto, "art-e", "https://west.example/e", "west-news", "2024-11-30", null, null))));
        return e;
    }

    /** The events through the incremental fold in exactly this order: the last table it emitted. */
    static String foldJson(List<OrgEvent> events) {
        OrgFold fold = new OrgFold(new MemoryFoldState());
        OrgStatus last = null;
        for (OrgEvent ev : events) {
            OrgFold.Change c = fold.apply(ev);
            if (c.changed()) {
                last = c.status();
            }
        }
        return Json.write(last);
    }

    @Test
    void everyPermutationGivesTheSameTable() {
        List<OrgEvent> events = events();
        String expected = foldJson(events);
        int[] count = {0};
        permute(new ArrayList<>(events), 0, p -> {
            count[0]++;
            String got = foldJson(p);
            if (!got.equals(expected)) {
                assertThat(got).as("fold of %s", p.stream().map(OrderInvarianceTest::label).toList())
                        .isEqualTo(expected);
            }
        });
        assertThat(count[0]).isEqualTo(5040);
        // and the table is the one the events describe, not merely a stable one
        OrgStatus s = Json.read(expected, OrgStatus.class);
        assertThat(Claims.row(s, "XA").status()).isEqualTo("DELISTED");
        assertThat(Claims.row(s, "XA").since()).isEqualTo("2025-04-17");
        assertThat(Claims.row(s, "XB").since()).isEqualTo("2024");
        assertThat(Claims.row(s, "XA").history()).extracting(h -> h.status() + "@" + h.since())
                .containsExactly("DESIGNATED@2003", "DELISTING_PENDING@2025", "DELISTED@2025-04-17");
        assertThat(s.name()).isEqualTo(Claims.ORG_NAME);
        assertThat(s.aliases()).containsExactly("Lanterns", "RLF", "Red Lantern");
    }

    @Test
    void randomShufflesOfALargerSetGiveTheSameTable() {
        List<OrgEvent> events = new ArrayList<>(events());
        events.add(events.get(0)); // the same article processed twice
        for (int i = 0; i < 6; i++) {
            events.add(article("bulk-" + i, "outlet-" + (i % 3), "2025-0" + (i % 3 + 1) + "-1" + i, null,
                    i % 2 == 0 ? null : "bulk-" + (i - 1),
                    claim("XC", i % 2 == 0 ? "DESIGNATED" : "DELISTING_PENDING", DateExpr.ANCHOR, false,
                            "Zland report number " + i + ".")));
        }
        String expected = foldJson(events);
        for (long seed = 1; seed <= 200; seed++) {
            List<OrgEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(foldJson(shuffled)).as("seed %d", seed).isEqualTo(expected);
        }
    }

    private static String label(OrgEvent e) {
        return e.articleId() != null ? e.articleId() : "story:" + e.storyId();
    }

    private static void permute(List<OrgEvent> a, int k, java.util.function.Consumer<List<OrgEvent>> out) {
        if (k == a.size()) {
            out.accept(a);
            return;
        }
        for (int i = k; i < a.size(); i++) {
            Collections.swap(a, k, i);
            permute(a, k + 1, out);
            Collections.swap(a, k, i);
        }
    }
}
