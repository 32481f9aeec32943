package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.Evidence;
import io.wirewatch.common.model.OrgStatus.HistoryEntry;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;
import io.wirewatch.common.serde.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TableBound#publish} assembles a table's JSON from the JSON of its rows, kept from one publish to the next
 * for the rows that did not change: its bytes must be those of the whole table encoded at once (uncut), or of the
 * cut table encoded at once, and the cut the largest that fits, whatever the previous publish kept. Random tables
 * with text that needs escaping, rows kept (the same objects), changed, added and dropped between publishes, their
 * evidence counts moving, budgets that cut them and budgets that do not.
 */
class TableAssemblyTest {

    private static final String[] TEXT = {"plain", "\"quoted\"", "back\\slash", "line\nbreak\ttab", "ctrl\u0001\u001f",
            "é ü ß", "日本語", "emoji \uD83D\uDE00", "</script>", "", "a/b", "\u2028\u2029", "x".repeat(300)};

    @Test
    void assembledBytesAreTheWholeEncodingAcrossPublishesCutAndUncut() {
        Random rnd = new Random(20261203);
        int cut = 0;
        int uncut = 0;
        for (int org = 0; org < 40; org++) {
            OrgStatus table = table(rnd, 1 + rnd.nextInt(40));
            Map<JurisdictionRow, Integer> totals = new IdentityHashMap<>();
            TableBound.Encoded previous = null;
            for (int commit = 0; commit < 12; commit++) {
                for (JurisdictionRow r : table.jurisdictions()) {
                    if (!totals.containsKey(r) || rnd.nextInt(4) == 0) {
                        totals.put(r, r.evidence().size() + rnd.nextInt(30)); // counts move, rows need not
                    }
                }
                int whole = Json.writeBytes(table).length;
                int budget = switch (rnd.nextInt(4)) {
                    case 0 -> whole + rnd.nextInt(100); // fits
                    case 1 -> whole; // fits exactly
                    case 2 -> whole - 1 - rnd.nextInt(Math.max(1, whole / 2)); // cut, often only the evidence
                    default -> 200 + rnd.nextInt(Math.max(1, whole / 4)); // cut hard
                };
                TableBound.Published p = TableBound.publish(table, totals::get, budget, previous);
                TableBound.Published fresh = TableBound.publish(table, totals::get, budget);
                assertThat(p.json()).isEqualTo(fresh.json());
                assertThat(new int[]{p.evidencePerRow(), p.historyPerRow(), p.storedEvidencePerRow(), p.storedHistoryPerRow()})
                        .isEqualTo(new int[]{fresh.evidencePerRow(), fresh.historyPerRow(), fresh.storedEvidencePerRow(),
                                fresh.storedHistoryPerRow()});
                if (whole <= budget) {
                    assertThat(p.cut()).isFalse();
                    assertThat(p.json()).isEqualTo(Json.writeBytes(table));
                    uncut++;
                } else {
                    assertThat(p.cut()).isTrue();
                    int k = p.evidencePerRow();
                    int h = p.historyPerRow() < 0 ? Integer.MAX_VALUE : p.historyPerRow();
                    assertThat(p.json()).isEqualTo(Json.writeBytes(cut(table, totals, k, h)));
                    boolean floor = k == 0 && h == 0;
                    if (!floor) {
                        assertThat(p.json().length).isLessThanOrEqualTo(budget);
                    }
                    // the largest that fits: one more evidence sentence, or one more history entry, does not
                    int maxEvidence = table.jurisdictions().stream().mapToInt(r -> r.evidence().size()).max().orElse(0);
                    if (h == Integer.MAX_VALUE && k < Math.min(maxEvidence, StatusFolder.MAX_EVIDENCE)) {
                        assertThat(Json.writeBytes(cut(table, totals, k + 1, h)).length).isGreaterThan(budget);
                    } else if (h != Integer.MAX_VALUE) {
                        assertThat(Json.writeBytes(cut(table, totals, 0, h + 1)).length).isGreaterThan(budget);
                    }
                    cut++;
                }
                assertThat(Json.read(p.json(), Map.class)).containsKey("jurisdictions"); // parses back
                previous = p.encoded();
                table = next(rnd, table);
            }
        }
        assertThat(cut).isGreaterThan(100);
        assertThat(uncut).isGreaterThan(100);
    }

    /**
     * The fold with the rows' JSON kept ({@link MemoryFoldState}: tables held as objects) and without it
     * (serialized: every table decoded anew) publish the same bytes at every event: tables that grow past their
     * budget and past the store's limit (stored cut, their rows then kept whole), rows touched one by one,
     * articles retracted and re-dated, text that needs escaping.
     */
    @Test
    void aFoldThatKeepsRowsJsonPublishesWhatOneThatKeepsNothingDoes() {
        Random rnd = new Random(7);
        OrgFold kept = new OrgFold(new MemoryFoldState());
        OrgFold none = new OrgFold(MemoryFoldState.serialized());
        int cut = 0;
        int storedCut = 0;
        for (int i = 0; i < 1_400; i++) {
            String code = "X" + (char) ('A' + rnd.nextInt(3)) + (char) ('A' + rnd.nextInt(26));
            String id = "c-" + (i < 1_100 ? i : rnd.nextInt(i)); // later on, articles replaced (claims retracted)
            String status = rnd.nextInt(4) == 0 ? "DELISTED" : "DESIGNATED";
            String published = String.format("2024-%02d-%02d", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
            OrgEvent e = Claims.article(id, "outlet" + rnd.nextInt(9), published, null, null,
                    Claims.claim(code, status, rnd.nextInt(5) == 0 ? "FTO" : null, io.wirewatch.common.time.DateExpr.ANCHOR,
                            false, text(rnd) + " " + i + " " + "w".repeat(500 + rnd.nextInt(1_200))));
            OrgFold.Change a = kept.apply(e);
            OrgFold.Change b = none.apply(e);
            assertThat(a.changed()).isEqualTo(b.changed());
            assertThat(a.json()).isEqualTo(b.json());
            if (a.json() != null && a.json().length > 0 && new String(a.json(), 0, Math.min(a.json().length, 64 * 1024),
                    java.nio.charset.StandardCharsets.ISO_8859_1).contains("\"evidenceTotal\"")) {
                cut++;
                storedCut += a.status() != null && Json.writeBytes(a.status()).length > TableBound.STORE_MAX_BYTES ? 1 : 0;
            }
        }
        assertThat(cut).isGreaterThan(100);
        assertThat(storedCut).isGreaterThan(50);
    }

    /** The table with some rows kept (the same objects), some changed or refolded equal (new objects), added, dropped. */
    private static OrgStatus next(Random rnd, OrgStatus t) {
        List<JurisdictionRow> rows = new ArrayList<>();
        for (JurisdictionRow r : t.jurisdictions()) {
            int what = rnd.nextInt(10);
            if (what == 0 && t.jurisdictions().size() > 1) {
                continue; // dropped
            } else if (what == 1) {
                rows.add(row(rnd, r.code())); // changed
            } else if (what == 2) {
                rows.add(new JurisdictionRow(r.code(), r.name(), r.list(), r.status(), r.since(), new ArrayList<>(r.history()),
                        new ArrayList<>(r.evidence()), r.sources(), r.confidence())); // equal, another object
            } else {
                rows.add(r);
            }
        }
        if (rnd.nextInt(3) == 0) {
            rows.add(row(rnd, "N" + rnd.nextInt(1000)));
        }
        if (rnd.nextInt(4) == 0) {
            Collections.shuffle(rows, rnd);
        }
        List<String> aliases = rnd.nextInt(5) == 0 ? List.of(text(rnd), text(rnd)) : t.aliases();
        return new OrgStatus(t.id(), rnd.nextInt(5) == 0 ? text(rnd) : t.name(), aliases, rows);
    }

    private static OrgStatus table(Random rnd, int rows) {
        List<JurisdictionRow> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            out.add(row(rnd, "J" + i));
        }
        return new OrgStatus("org-" + rnd.nextInt(100), rnd.nextInt(6) == 0 ? null : text(rnd), List.of(text(rnd)), out);
    }

    private static JurisdictionRow row(Random rnd, String code) {
        List<HistoryEntry> history = new ArrayList<>();
        for (int i = 1 + rnd.nextInt(7); i > 0; i--) {
            history.add(new HistoryEntry(rnd.nextBoolean() ? "DESIGNATED" : "DELISTED",
                    rnd.nextInt(4) == 0 ? null : "20" + (10 + rnd.nextInt(15)) + "-0" + (1 + rnd.nextInt(9))));
        }
        List<Evidence> evidence = new ArrayList<>();
        for (int i = rnd.nextInt(StatusFolder.MAX_EVIDENCE + 1); i > 0; i--) {
            evidence.add(new Evidence("a-" + rnd.nextInt(1_000_000), rnd.nextInt(5) == 0 ? null : "https://x.example/" + text(rnd),
                    rnd.nextInt(5) == 0 ? null : text(rnd), "2024-01-" + (10 + rnd.nextInt(18)),
                    rnd.nextInt(8) == 0 ? null : text(rnd) + " " + text(rnd)));
        }
        return new JurisdictionRow(code, rnd.nextInt(5) == 0 ? null : "Land " + text(rnd),
                rnd.nextInt(3) == 0 ? "FTO" : null, history.get(history.size() - 1).status(),
                history.get(history.size() - 1).since(), history, evidence, 1 + rnd.nextInt(40),
                Math.round(rnd.nextDouble() * 100) / 100.0);
    }

    private static String text(Random rnd) {
        return TEXT[rnd.nextInt(TEXT.length)] + (rnd.nextBoolean() ? "" : " " + rnd.nextInt(10_000));
    }

    /** The cut table as the class says, built here on its own: each row's k newest evidence, h latest history. */
    private static TableBound.Table cut(OrgStatus t, Map<JurisdictionRow, Integer> totals, int k, int h) {
        List<TableBound.Row> rows = new ArrayList<>();
        for (JurisdictionRow r : t.jurisdictions()) {
            List<Evidence> ev = r.evidence().subList(r.evidence().size() - Math.min(k, r.evidence().size()), r.evidence().size());
            List<HistoryEntry> hist = r.history().subList(r.history().size() - Math.min(h, r.history().size()), r.history().size());
            rows.add(new TableBound.Row(r.code(), r.name(), r.list(), r.status(), r.since(), hist, ev, r.sources(),
                    r.confidence(), Math.max(totals.get(r), r.evidence().size()), r.history().size() - hist.size()));
        }
        return new TableBound.Table(t.id(), t.name(), t.aliases(), rows);
    }
}
