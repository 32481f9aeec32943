package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.Evidence;
import io.wirewatch.common.model.OrgStatus.HistoryEntry;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.serde.SmileSerde;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The heap estimate that weighs the fold's decoded values: above their encoded size, growing with their content. */
class HeapWeightTest {

    private static OrgStatus table(int rows, int evidence, String sentence) {
        List<JurisdictionRow> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<Evidence> ev = new ArrayList<>();
            for (int i = 0; i < evidence; i++) {
                ev.add(new Evidence("art-" + r + "-" + i, "https://outlet.example/art-" + r + "-" + i, "outlet",
                        "2025-01-0" + (1 + i % 9), sentence + " " + i));
            }
            out.add(new JurisdictionRow("Q" + r, "Land " + r, null, "DESIGNATED", "2024-01-01",
                    List.of(new HistoryEntry("DESIGNATED", "2024-01-01")), ev, 3, 0.8));
        }
        return new OrgStatus("grey-heron", "Grey Heron League", List.of("GHL"), out);
    }

    @Test
    void aTableWeighsMoreThanItsSmileAndGrowsWithItsRows() {
        OrgStatus small = table(4, 12, "An invented sentence of some length about the league.");
        OrgStatus big = table(40, 12, "An invented sentence of some length about the league.");
        long smile = SmileSerde.of(OrgStatus.class).serializer().serialize("t", big).length;
        assertThat(HeapWeight.value(big)).isGreaterThan(smile).isLessThan(8 * smile);
        assertThat(HeapWeight.value(big)).isGreaterThan(9 * HeapWeight.value(small));
    }

    @Test
    void aPublishedTableIsStoredAndWeighedAsTheWholeTableWouldBe() {
        String sentence = "An invented sentence with \"quotes\", \u00e9 and \u4e2d, of some length about the league.";
        // within the budget, cut to it, and past the store's limit (stored cut)
        for (OrgStatus t : List.of(table(4, 12, sentence), table(60, 12, sentence), table(500, 12, sentence + "x".repeat(80)))) {
            TableBound.Published previous = TableBound.publish(t, r -> r.evidence().size() + 3, TableBound.DEFAULT_MAX_BYTES);
            // again with what the first publish kept, as the fold does at the next commit
            for (TableBound.Published p : List.of(previous, TableBound.publish(t, r -> r.evidence().size() + 3,
                    TableBound.DEFAULT_MAX_BYTES, previous.encoded()))) {
                OrgStatus stored = p.stored(t);
                assertThat(p.storedHeap(stored)).isEqualTo(HeapWeight.table(stored));
                assertThat(p.storedJson(stored)).isEqualTo(Json.writeBytes(stored));
            }
        }
        assertThat(TableBound.publish(table(500, 12, sentence + "x".repeat(80)), r -> 12, TableBound.DEFAULT_MAX_BYTES)
                .storedEvidencePerRow()).as("the last table is stored cut").isGreaterThanOrEqualTo(0);
    }

    @Test
    void textOutsideLatin1CountsTwoBytesPerChar() {
        long latin = HeapWeight.string("a".repeat(400));
        long wide = HeapWeight.string("\u0634".repeat(400));
        assertThat(wide - latin).isEqualTo(400);
    }

    @Test
    void everyDecodedKindIsWeighedAndOthersAreRefused() {
        RowState row = RowState.empty("QA", null);
        row.points().put("k", new RowState.Point("DESIGNATED", "2024", "anchor", false, 1, 1));
        assertThat(HeapWeight.of("key", row)).isGreaterThan(HeapWeight.of("key", RowState.empty("QA", null)));
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        counts.put(800, 2);
        assertThat(HeapWeight.of("key", new OutletTally(counts))).isGreaterThan(64);
        assertThat(HeapWeight.of("key", OrgNames.empty())).isGreaterThan(64);
        assertThat(HeapWeight.of("key", StoryDates.empty())).isGreaterThan(64);
        assertThatThrownBy(() -> HeapWeight.of("key", "a string")).isInstanceOf(IllegalArgumentException.class);
    }
}
