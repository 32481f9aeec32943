package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;
import io.wirewatch.common.time.DateExpr;

import java.util.List;
import java.util.Objects;

/** Invented claims and articles for the fold tests (no text from real articles). */
final class Claims {

    static final String ORG = "red-lantern";
    static final String ORG_NAME = "Red Lantern Front";

    private Claims() {}

    static Claim claim(String jurisdiction, String status, DateExpr date, boolean background, String sentence) {
        return claim(jurisdiction, status, null, date, background, sentence);
    }

    static Claim claim(String jurisdiction, String status, String list, DateExpr date, boolean background,
                       String sentence) {
        return new Claim(ORG, ORG_NAME, jurisdiction, "Land " + jurisdiction, status, list, date, null, background,
                sentence, 0.8);
    }

    /** One article's claims as the ledger receives them. */
    static OrgEvent article(String id, String outlet, String published, String storyId, String duplicateOf,
                            Claim... claims) {
        List<ClaimRecord> records = java.util.Arrays.stream(claims)
                .map(c -> new ClaimRecord(c, id, "https://" + outlet + ".example/" + id, outlet, published, storyId,
                        duplicateOf))
                .toList();
        return OrgEvent.claims(ORG, ORG_NAME, List.of("RLF"), id, records);
    }

    static OrgLedger ledger(OrgEvent... events) {
        OrgLedger l = OrgLedger.empty(ORG);
        for (OrgEvent e : events) {
            l = l.apply(e);
        }
        return l;
    }

    static JurisdictionRow row(OrgStatus s, String code) {
        List<JurisdictionRow> rows = s.jurisdictions().stream().filter(r -> r.code().equals(code)).toList();
        if (rows.size() != 1) {
            throw new AssertionError("expected one row for " + code + " but got " + rows);
        }
        return rows.get(0);
    }

    static JurisdictionRow row(OrgStatus s, String code, String list) {
        return s.jurisdictions().stream()
                .filter(r -> r.code().equals(code) && Objects.equals(r.list(), list))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + code + "/" + list + " in " + s));
    }
}
