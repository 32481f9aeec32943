package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.Evidence;
import io.wirewatch.common.model.OrgStatus.HistoryEntry;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;
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
