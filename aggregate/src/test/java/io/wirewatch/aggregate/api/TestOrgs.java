package io.wirewatch.aggregate.api;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.Evidence;
import io.wirewatch.common.model.OrgStatus.HistoryEntry;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Invented organisations (no real group, outlet or article) and an in-memory StatusSource. */
final class TestOrgs {

    private TestOrgs() {}

    static List<HistoryEntry> history(String... statusSincePairs) {
        HistoryEntry[] out = new HistoryEntry[statusSincePairs.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = new HistoryEntry(statusSincePairs[2 * i], statusSincePairs[2 * i + 1]);
        }
        return Arrays.asList(out);
    }

    static Evidence evidence(String article, String outlet, String published, String sentence) {
        return new Evidence(article, "https://" + outlet + "/news/" + article, outlet, published, sentence);
    }

    static JurisdictionRow row(String code, String name, String list, List<HistoryEntry> history, Evidence... evidence) {
        HistoryEntry last = history.get(history.size() - 1);
        return new JurisdictionRow(code, name, list, last.status(), last.since(), history, List.of(evidence),
                evidence.length, 0.9);
    }

    /** Four rows: a dated delisting after background, an undated sanctions row, a dated and an undated row. */
    static OrgStatus northernFront() {
        return new OrgStatus("northern-front", "Northern Liberation Front", List.of("NLF", "Front du Nord"), List.of(
                row("RU", "Russia", null, history("DESIGNATED", "2003", "DELISTING_PENDING", "2025", "DELISTED", "2025-04-17"),
                        evidence("a1", "tidewater.example", "2025-04-21", "The Supreme Court lifted the ban on the group on April 17."),
                        evidence("a2", "northpost.example", "2025-04-02", "Prosecutors asked the court to remove the NLF from the list <b>banned since 2003</b>.")),
                row("UN", "United Nations", "sanctions", history("SANCTIONED", null),
                        evidence("a1", "tidewater.example", "2025-04-21", "The group remains under UN Security Council sanctions.")),
                row("KZ", "Kazakhstan", null, history("DELISTED", "2024"),
                        evidence("a3", "steppe-daily.example", "2025-04-18", "Kazakhstan removed the group from its list in 2024.")),
                row("US", "United States", null, history("DESIGNATED", null),
                        evidence("a4", "capitol-wire.example", "2025-04-19", "Washington still lists the front as a terrorist organisation."))));
    }

    static OrgStatus coastalCartel() {
        return new OrgStatus("coastal-cartel", "Cártel del Litoral", List.of("CDL"), List.of(
                row("CA", "Canada", "criminal-code", history("DESIGNATED", "2021-02-03"),
                        evidence("b1", "maple-ledger.example", "2021-02-04", "Ottawa listed the cartel as a terrorist entity under the Criminal Code.")),
                row("GB", "United Kingdom", "proscription", history("LISTING_PENDING", "2025-06"),
                        evidence("b2", "thames-courier.example", "2025-06-11", "The Home Office plans to proscribe the cartel if approved by Parliament."))));
    }

    static OrgStatus silentOrder() {
        return new OrgStatus("silent-order", "Order of Silence", List.of(), List.of(
                row("DE", "Germany", "activity-ban", history("DESIGNATED", "1999-11", "DELISTED", "2019-03-01"),
                        evidence("c1", "rhein-bote.example", "2019-03-02", "Berlin lifted the activity ban on the order."))));
    }

    static List<OrgStatus> all() {
        return List.of(coastalCartel(), northernFront(), silentOrder());
    }

    /** A StatusSource over a fixed set; {@code failure} (when set) is thrown by every read. */
    static final class Memory implements StatusSource {
        final Map<String, OrgStatus> byId = new TreeMap<>();
        volatile Supplier<RuntimeException> failure;

        Memory(List<OrgStatus> orgs) {
            orgs.forEach(o -> byId.put(o.id(), o));
        }

        @Override
        public Optional<OrgStatus> organization(String id) {
            fail();
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public List<OrgStatus> organizations() {
            fail();
            return List.copyOf(byId.values());
        }

        private void fail() {
            if (failure != null) {
                throw failure.get();
            }
        }
    }
}
