package io.wirewatch.aggregate.status;

import io.wirewatch.aggregate.status.RowState.Point;
import io.wirewatch.aggregate.status.RowState.Support;
import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.Evidence;
import io.wirewatch.common.model.OrgStatus.HistoryEntry;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;
import io.wirewatch.common.model.Status;
import io.wirewatch.common.time.DateExpr;
import io.wirewatch.common.time.IsoDates;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules that turn a row's claims into its status, in event time:
 * <ul>
 *   <li>a row is (organisation, jurisdiction, list): a claim that names a list (FTO, SDGT,
 *       proscription, sanctions...) goes to that list's row, a claim that names none to the
 *       jurisdiction's unnamed row;</li>
 *   <li>each claim is dated by its own words, resolved against the article's publish date or,
 *       when the article has none, its story's date (then only the year is trusted);</li>
 *   <li>claims of one status and date form a point, weighed by its independent sources (distinct
 *       outlets of its original articles; copies add none);</li>
 *   <li>points are ordered by effective date; the current status is the last run of equal
 *       statuses, and {@code since} is the date of that run with the most independent sources,
 *       the earliest on a tie (a scheduled date only when the run has no other);</li>
 *   <li>a pending claim never overrides a final decision of the same date; two final decisions of
 *       the same date are settled by their weight; an undated standing state ("is still banned")
 *       never interrupts a pending change of that same state;</li>
 *   <li>claims whose date cannot be known order by their article's date, background first;</li>
 *   <li>a coarse date ("2025") takes a finer compatible date of the same status ("2025-04-17"),
 *       unless that date is scheduled (after its article's date: a hearing "set for" a day);</li>
 *   <li>{@code sources} counts the outlets with an original claim of the row's status, and
 *       {@code confidence} combines their best claims as independent evidence; copies alone are
 *       one source, as sure as the surest copy;</li>
 *   <li>claims that name no known status or jurisdiction are ignored; the name is the one most
 *       articles use, the other names become aliases.</li>
 * </ul>
 * The table depends only on the set of claims and story dates, never on arrival order.
 */
public final class StatusFolder {

    static final int MAX_EVIDENCE = 12;

    private StatusFolder() {}

    /**
     * A claim placed in time. {@code scheduled} marks a date after its article's own date (a hearing
     * "set for" a day): it says what is awaited, not when the state began.
     */
    record Dated(ClaimRecord record, Status status, String since, String position, boolean scheduled) {
    }

    /** Folds a whole ledger with the incremental fold, in memory. */
    public static OrgStatus fold(OrgLedger ledger) {
        OrgFold fold = new OrgFold(new MemoryFoldState());
        OrgStatus status = null;
        for (OrgEvent e : ledger.events()) {
            OrgFold.Change c = fold.apply(e);
            if (c.changed()) {
                status = c.status();
            }
        }
        return status;
    }

    public static boolean usable(ClaimRecord cr) {
        if (cr == null || cr.claim() == null || cr.articleId() == null || cr.claim().jurisdiction() == null
                || cr.claim().status() == null) {
            return false;
        }
        try {
            Status.valueOf(cr.claim().status());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the claim's article has no publish date of its own, so its story's date applies. */
    static boolean undated(ClaimRecord cr) {
        return IsoDates.toLocalDate(cr.published()) == null;
    }

    /** The most used key, ties alphabetically; null when there is none. */
    static String mostUsed(TreeMap<String, Integer> counts) {
        String best = null;
        for (var e : counts.entrySet()) {
            if (best == null || e.getValue() > counts.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    static Dated date(ClaimRecord cr, String storyAnchor) {
        Claim c = cr.claim();
        LocalDate anchor = IsoDates.toLocalDate(cr.published());
        boolean exact = anchor != null;
        if (anchor == null && cr.storyId() != null) {
            anchor = IsoDates.toLocalDate(storyAnchor);
        }
        DateExpr expr = c.date() == null ? DateExpr.UNKNOWN : c.date();
        String since = expr.resolve(anchor, exact);
        String position;
        if (since != null) {
            position = since;
        } else if (c.background() || anchor == null) {
            position = "";
        } else {
            position = exact ? anchor.toString() : Integer.toString(anchor.getYear());
        }
        String ref = anchor == null ? null : exact ? anchor.toString() : Integer.toString(anchor.getYear());
        boolean scheduled = since != null && (expr.future()
                || ref != null && IsoDates.compare(since, ref) > 0 && !since.startsWith(ref));
        return new Dated(cr, Status.valueOf(c.status()), since, position, scheduled);
    }

    /** A point after refinement, merged with the points that landed on the same date and status. */
    record Step(Status status, String since, String position, boolean scheduledOnly, int weight) {
    }

    /** "2025" and "2025-04-17" for the same status are one date: keep the more precise. */
    static List<Step> refine(Iterable<Point> points) {
        // per status, the dates a coarser date may take: dated, not scheduled
        Map<String, java.util.TreeSet<String>> finerByStatus = new java.util.HashMap<>();
        for (Point o : points) {
            if (o.since() != null && !o.scheduled()) {
                finerByStatus.computeIfAbsent(o.status(), k -> new java.util.TreeSet<>()).add(o.since());
            }
        }
        Map<String, Step> merged = new LinkedHashMap<>();
        for (Point d : points) {
            String finer = null;
            if (d.since() != null && d.since().length() < 10 && finerByStatus.containsKey(d.status())) {
                // the finer dates are the ones d is a prefix of: one range of the sorted set;
                // the most precise wins, the earliest among equally precise ones
                // (a scheduled date, "hearing set for April 17", is not a finer account of an earlier claim)
                for (String o : finerByStatus.get(d.status()).subSet(d.since() + "-", d.since() + "-\uffff")) {
                    if (finer == null || o.length() > finer.length()) {
                        finer = o;
                    }
                    if (finer.length() == 10) {
                        break;
                    }
                }
            }
            String since = finer == null ? d.since() : finer;
            String position = finer == null ? d.position() : finer;
            Status status = Status.valueOf(d.status());
            String key = status + "|" + since + "|" + position;
            Step s = merged.get(key);
            merged.put(key, s == null ? new Step(status, since, position, d.scheduled(), d.weight())
                    : new Step(status, since, position, s.scheduledOnly() && d.scheduled(), s.weight() + d.weight()));
        }
        List<Step> out = new ArrayList<>(merged.values());
        // at one date: undated before dated, pending before final, the heavier last (it wins)
        out.sort(Comparator.comparing(Step::position)
                .thenComparingInt(d -> d.since() == null ? 0 : 1)
                .thenComparingInt(d -> d.status().isPending() ? 0 : 1)
                .thenComparingInt(Step::weight)
                .thenComparing(Step::status)
                .thenComparing(d -> d.since() == null ? "" : d.since()));
        return out;
    }

    /** The row's status, history, sources and confidence from its state, with its newest evidence. */
    static JurisdictionRow row(RowState state, List<EvidenceTally> evidence) {
        List<Step> steps = refine(state.points().values());
        List<HistoryEntry> history = new ArrayList<>();
        Status current = null;
        List<Step> run = new ArrayList<>();
        for (Step d : steps) {
            if (current != null && d.status() != current && d.since() == null && quietlyConsistent(current, d.status())) {
                continue; // "still designated" while a delisting is pending changes nothing
            }
            if (d.status() == current) {
                run.add(d);
                continue;
            }
            if (current != null) {
                history.add(new HistoryEntry(current.name(), since(run)));
            }
            current = d.status();
            run = new ArrayList<>(List.of(d));
        }
        String since = since(run);
        history.add(new HistoryEntry(current.name(), since));

        List<Evidence> ev = evidence.stream().map(EvidenceTally::evidence).toList();
        Support support = state.support().getOrDefault(current.name(), Support.empty());
        int outlets = support.outlets().values().stream().mapToInt(Integer::intValue).sum();
        double confidence;
        if (outlets > 0) {
            double disbelief = 1.0;
            for (var e : support.outlets().entrySet()) { // ascending keys: the same product in every run
                disbelief *= Math.pow(1 - e.getKey() / 1000.0, e.getValue());
            }
            confidence = 1 - disbelief;
        } else {
            confidence = support.copies().isEmpty() ? 0 : support.copies().lastKey() / 1000.0;
        }
        return new JurisdictionRow(state.code(), mostUsed(state.names()), state.list(), current.name(), since,
                history, ev, Math.max(outlets, 1), Math.round(confidence * 100) / 100.0);
    }

    /**
     * The date of a run: the one with the most independent sources, the earliest on a tie; a
     * scheduled date only when the run has no other.
     */
    private static String since(List<Step> run) {
        Map<String, int[]> byDate = new TreeMap<>(); // since -> {weight, any unscheduled}
        for (Step s : run) {
            if (s.since() != null) {
                int[] w = byDate.computeIfAbsent(s.since(), k -> new int[2]);
                w[0] += s.weight();
                w[1] |= s.scheduledOnly() ? 0 : 1;
            }
        }
        String best = null;
        int[] bestW = null;
        for (var e : byDate.entrySet()) { // ascending dates: the earliest wins a tie
            int[] w = e.getValue();
            if (best == null || w[1] > bestW[1] || w[1] == bestW[1] && w[0] > bestW[0]) {
                best = e.getKey();
                bestW = w;
            }
        }
        return best;
    }

    private static boolean quietlyConsistent(Status current, Status incoming) {
        return current == Status.DELISTING_PENDING && incoming == Status.DESIGNATED
                || current == Status.LISTING_PENDING && incoming == Status.DELISTED;
    }
}
