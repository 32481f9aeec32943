package io.wirewatch.aggregate.status;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Folds an organisation's claims into its status table, in event time:
 * <ul>
 *   <li>each claim is dated by its own words, resolved against the article's publish date or,
 *       when the article has none, its story's date (then only the year is trusted);</li>
 *   <li>a row's claims are ordered by effective date; the current status is the last run of equal
 *       statuses, and {@code since} is the earliest known date of that run;</li>
 *   <li>a pending claim never overrides a final decision of the same date; an undated standing
 *       state ("is still banned") never interrupts a pending change of that same state;</li>
 *   <li>claims whose date cannot be known order by their article's date, background first;</li>
 *   <li>a coarse date ("2025") takes a finer compatible date of the same status ("2025-04-17"),
 *       unless that date is scheduled (after its article's date: a hearing "set for" a day);</li>
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
        Claim claim() {
            return record.claim();
        }
    }

    public static OrgStatus fold(OrgLedger ledger) {
        // a claim enrich could not complete is skipped: one bad record must not poison the organisation
        List<ClaimRecord> all = ledger.allClaims().stream().filter(StatusFolder::usable).toList();
        if (all.isEmpty()) {
            return null;
        }
        Map<String, List<Dated>> rows = new TreeMap<>();
        for (ClaimRecord cr : all) {
            Dated d = date(cr, ledger.anchors());
            String key = cr.claim().jurisdiction() + ("sanctions".equals(cr.claim().list()) ? "|sanctions" : "");
            rows.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        List<JurisdictionRow> out = new ArrayList<>();
        for (List<Dated> claims : rows.values()) {
            out.add(row(refine(claims)));
        }
        out.sort(Comparator.comparingInt((JurisdictionRow r) -> -r.evidence().size()).thenComparing(JurisdictionRow::code)
                .thenComparing(r -> r.list() == null ? "" : r.list()));
        String name = name(all, ledger.name());
        TreeSet<String> aliases = new TreeSet<>(ledger.aliases());
        all.forEach(cr -> {
            if (cr.claim().orgName() != null) {
                aliases.add(cr.claim().orgName());
            }
        });
        aliases.remove(name);
        return new OrgStatus(ledger.orgId(), name, new ArrayList<>(aliases), out);
    }

    static boolean usable(ClaimRecord cr) {
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

    /**
     * The name most articles use, ties alphabetically: the ledger keeps the last name it was sent,
     * which depends on arrival order.
     */
    static String name(List<ClaimRecord> claims, String fallback) {
        Map<String, Set<String>> articlesByName = new TreeMap<>();
        for (ClaimRecord cr : claims) {
            if (cr.claim().orgName() != null) {
                articlesByName.computeIfAbsent(cr.claim().orgName(), k -> new HashSet<>()).add(cr.articleId());
            }
        }
        String best = null;
        for (var e : articlesByName.entrySet()) {
            if (best == null || e.getValue().size() > articlesByName.get(best).size()) {
                best = e.getKey();
            }
        }
        return best == null ? fallback : best;
    }

    static Dated date(ClaimRecord cr, Map<String, String> storyAnchors) {
        Claim c = cr.claim();
        LocalDate anchor = IsoDates.toLocalDate(cr.published());
        boolean exact = anchor != null;
        if (anchor == null && cr.storyId() != null) {
            anchor = IsoDates.toLocalDate(storyAnchors.get(cr.storyId()));
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

    /** "2025" and "2025-04-17" for the same status are one date: keep the more precise. */
    static List<Dated> refine(List<Dated> claims) {
        List<Dated> out = new ArrayList<>();
        for (Dated d : claims) {
            String finer = null;
            if (d.since() != null) {
                for (Dated o : claims) {
                    // a scheduled date ("hearing set for April 17") is not a finer account of an earlier claim
                    if (o.status() == d.status() && o.since() != null && !o.scheduled()
                            && o.since().length() > d.since().length()
                            && o.since().startsWith(d.since())
                            && (finer == null || o.since().length() > finer.length()
                            || o.since().length() == finer.length() && o.since().compareTo(finer) < 0)) {
                        finer = o.since();
                    }
                }
            }
            out.add(finer == null ? d : new Dated(d.record(), d.status(), finer, finer, d.scheduled()));
        }
        out.sort(Comparator.comparing(Dated::position)
                .thenComparingInt(d -> d.since() == null ? 0 : 1)
                .thenComparingInt(d -> d.status().isPending() ? 0 : 1)
                .thenComparing(d -> d.record().articleId())
                .thenComparing(d -> d.claim().sentence()));
        return out;
    }

    static JurisdictionRow row(List<Dated> claims) {
        List<HistoryEntry> history = new ArrayList<>();
        List<Dated> currentRun = new ArrayList<>();
        Status current = null;
        String since = null;
        for (Dated d : claims) {
            if (current != null && d.status() != current && d.since() == null && quietlyConsistent(current, d.status())) {
                currentRun.add(d); // "still designated" while a delisting is pending changes nothing
                continue;
            }
            if (d.status() == current) {
                currentRun.add(d);
                if (d.since() != null && (since == null || IsoDates.compare(d.since(), since) < 0)) {
                    since = d.since();
                }
                continue;
            }
            if (current != null) {
                history.add(new HistoryEntry(current.name(), since));
            }
            current = d.status();
            since = d.since();
            currentRun = new ArrayList<>(List.of(d));
        }
        history.add(new HistoryEntry(current.name(), since));

        List<Dated> byDate = new ArrayList<>(claims);
        byDate.sort(Comparator.comparing((Dated d) -> d.record().published() == null ? "" : d.record().published())
                .thenComparing(d -> d.record().articleId()));
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        for (Dated d : byDate) {
            ClaimRecord r = d.record();
            evidence.putIfAbsent(r.articleId() + "|" + d.claim().sentence(),
                    new Evidence(r.articleId(), r.url(), r.outlet(), r.published(), d.claim().sentence()));
        }
        List<Evidence> ev = new ArrayList<>(evidence.values());
        if (ev.size() > MAX_EVIDENCE) {
            ev = ev.subList(ev.size() - MAX_EVIDENCE, ev.size());
        }

        // independent sources: distinct outlets among the current run's original (non-copy) articles
        Status now = current;
        List<Dated> support = currentRun.stream().filter(d -> d.status() == now).toList();
        List<Dated> originals = support.stream().filter(d -> d.record().duplicateOf() == null).toList();
        Set<String> outlets = new HashSet<>();
        double disbelief = 1.0;
        if (originals.isEmpty()) {
            // copies whose original made no such claim are still one source, as sure as the surest copy
            disbelief = 1 - support.stream().mapToDouble(d -> d.claim().confidence()).max().orElse(0);
        } else {
            Set<String> articles = new HashSet<>();
            for (Dated d : originals) {
                outlets.add(d.record().outlet() == null ? d.record().articleId() : d.record().outlet());
                if (articles.add(d.record().articleId())) {
                    disbelief *= 1 - d.claim().confidence();
                }
            }
        }
        Claim last = currentRun.get(currentRun.size() - 1).claim();
        String list = null;
        for (Dated d : claims) {
            if (d.claim().list() != null) {
                list = d.claim().list();
            }
        }
        return new JurisdictionRow(last.jurisdiction(), last.jurisdictionName(), list, current.name(), since,
                history, ev, Math.max(outlets.size(), 1), Math.round((1 - disbelief) * 100) / 100.0);
    }

    private static boolean quietlyConsistent(Status current, Status incoming) {
        return current == Status.DELISTING_PENDING && incoming == Status.DESIGNATED
                || current == Status.LISTING_PENDING && incoming == Status.DELISTED;
    }
}
