package io.wirewatch.aggregate.api;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.HistoryEntry;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;
import io.wirewatch.common.time.IsoDates;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An organisation's table as it stood on a date X, computed from its current table (what is known
 * today about the past, not what was known on X). The rules:
 * <ul>
 *   <li>X is a date of any precision ({@code 2025}, {@code 2025-04}, {@code 2025-04-17}) and means
 *       <em>the end of</em> that period: an entry of {@code 2025-04-17} counts as of {@code 2025-04}
 *       and as of {@code 2025}. A coarser entry counts as of any date it contains
 *       ({@code 2025} counts as of {@code 2025-04-17}), as {@link IsoDates#compare} orders them.</li>
 *   <li>A dated history entry is in effect when its {@code since} is on or before X; the row's
 *       status as of X is the last such entry in the history (which is in event-time order).</li>
 *   <li>An undated entry ({@code since} null) happened at an unknown time. It is used only when no
 *       dated entry is in effect by X and it comes before every dated entry of the row: "banned
 *       (date unknown), delisted on 2025-04-17" is DESIGNATED as of 2020, with {@code since} null.
 *       A row whose history is all undated is therefore kept, unchanged, for every X. An undated
 *       entry after a dated one in effect does not override it, so the table as of today can show
 *       the last dated state where the current table shows a later undated one.</li>
 *   <li>Rows with nothing in effect by X are dropped. The history keeps the entries up to the one
 *       in effect; evidence, sources and confidence are kept as they are.</li>
 * </ul>
 */
public final class AsOf {

    private static final Pattern DATE = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

    private AsOf() {}

    /**
     * Validates an as-of date: {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}, a real calendar
     * date. Returns it trimmed; throws IllegalArgumentException with a readable message otherwise.
     */
    public static String parse(String raw) {
        String s = raw == null ? "" : raw.trim();
        Matcher m = DATE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("asOf must be YYYY, YYYY-MM or YYYY-MM-DD, got '" + raw + "'");
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("asOf is not a calendar date: '" + raw + "'");
        }
        return s;
    }

    /** True when a dated {@code since} is on or before the end of the period {@code x}. */
    static boolean inEffect(String since, String x) {
        return since != null && (IsoDates.compare(since, x) <= 0 || since.startsWith(x));
    }

    /** The table as it stood on {@code x} (already validated with {@link #parse}). */
    public static OrgStatus at(OrgStatus status, String x) {
        List<JurisdictionRow> rows = new ArrayList<>();
        for (JurisdictionRow row : status.jurisdictions() == null ? List.<JurisdictionRow>of() : status.jurisdictions()) {
            JurisdictionRow r = at(row, x);
            if (r != null) {
                rows.add(r);
            }
        }
        return new OrgStatus(status.id(), status.name(), status.aliases(), rows);
    }

    /** One row as of {@code x}, or null when nothing in it was in effect by then. */
    static JurisdictionRow at(JurisdictionRow row, String x) {
        List<HistoryEntry> history = row.history() == null || row.history().isEmpty()
                ? List.of(new HistoryEntry(row.status(), row.since())) // a row without history is its own one entry
                : row.history();
        int chosen = -1;
        for (int i = 0; i < history.size(); i++) {
            if (inEffect(history.get(i).since(), x)) {
                chosen = i;
            }
        }
        if (chosen < 0) {
            // nothing dated by x: the last undated entry that precedes every dated one, if any
            for (int i = 0; i < history.size() && history.get(i).since() == null; i++) {
                chosen = i;
            }
        }
        if (chosen < 0) {
            return null;
        }
        List<HistoryEntry> kept = new ArrayList<>();
        for (int i = 0; i <= chosen; i++) {
            HistoryEntry h = history.get(i);
            if (h.since() == null || inEffect(h.since(), x)) {
                kept.add(h);
            }
        }
        HistoryEntry now = history.get(chosen);
        return new JurisdictionRow(row.code(), row.name(), row.list(), now.status(), now.since(), kept,
                row.evidence(), row.sources(), row.confidence());
    }
}
