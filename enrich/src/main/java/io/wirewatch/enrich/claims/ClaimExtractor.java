package io.wirewatch.enrich.claims;

import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.model.Status;
import io.wirewatch.common.time.DateExpr;
import io.wirewatch.common.time.IsoDates;
import io.wirewatch.enrich.entities.KnowledgeBase;
import io.wirewatch.enrich.entities.Mention;
import io.wirewatch.enrich.text.Sentences;
import io.wirewatch.enrich.text.Sentences.Sentence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads status claims from an article one sentence at a time: a trigger (designate, lift a ban,
 * sanctions...), the organisation it acts on, the jurisdiction that acts, the date, and the
 * modality that can turn a decision into a pending one (requests, plans, conditionals) or drop
 * it (negation, questions, labels quoted from others).
 */
public final class ClaimExtractor {

    // "may" only in lower case: the month ("On May 2, the court lifted...") is not a modal
    private static final Pattern PENDING_CUE = Pattern.compile(
            "\\b(?:request(?:ed|s|ing)?|ask(?:ed|s|ing)?|propos(?:e|ed|es|ing|al)|plan(?:s|ned|ning)?\\s+to|"
                    + "mov(?:e|es|ed|ing)\\s+to|steps?\\s+to|seek(?:s|ing)?|sought|consider(?:s|ed|ing)?|hearing|scheduled|"
                    + "draft|will|would|could|if|intend(?:s|ed)?|petition(?:ed|s)?|call(?:ed|s|ing)?\\s+for|urg(?:e|ed|es|ing)|"
                    + "decided\\s+to|expected\\s+to|set\\s+to|prepar(?:e|es|ed|ing)\\s+to|(?-i:may)|might|pending|whether)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(?:not|never|no|neither|nor|refused\\s+to|declined\\s+to|rejected|denied)\\b[^,;]{0,25}$|n't\\s+(?:\\w+\\s+)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BACKGROUND = Pattern.compile(
            "\\b(?:had|previously|formerly|earlier|originally|first|initially|since|for\\s+(?:over|more\\s+than|nearly|almost)?\\s*\\w+\\s+(?:years|decades))\\b",
            Pattern.CASE_INSENSITIVE);
    /** "announced that it had removed": a pluperfect in reported speech is the news, not history. */
    private static final Pattern REPORTED_PLUPERFECT = Pattern.compile(
            "\\b(?:announc|sa(?:id|ys)|report|stat|confirm|rul|declar|told|note|explain|clarifi)\\w*\\b[^.;]{0,50}?\\bthat\\s+(?:\\w+\\s+){0,3}had\\s+(?:\\w+\\s+)?$",
            Pattern.CASE_INSENSITIVE);
    /** Where a clause begins: a background cue before it ("for 20 years, and the removal...") is another clause's. */
    private static final Pattern CLAUSE_BOUNDARY = Pattern.compile(
            "(?:[;:\u2014\u2013]|\\s-\\s|,\\s*(?:and|but|while|whereas|yet|so)\\b)", Pattern.CASE_INSENSITIVE);
    /** "Removing the designation opens the way...", "By lifting the ban, X...": the act named, not reported. */
    private static final Pattern GERUND_NOT_EVENT = Pattern.compile("(?:^[\\s\"'\u201C\u2018]*|\\b[Bb]y\\s+)$");
    private static final Pattern COORDINATOR = Pattern.compile("\\s*(?:,|and|,\\s*and|as\\s+well\\s+as|&)\\s*(?:the\\s+)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UNDATED_PERFECT = Pattern.compile("\\b(?:already|still|remains?|long)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern LABEL_VERB = Pattern.compile("\\b(?:refer(?:s|red|ring)?|call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|label(?:l?ed|s)?|"
                    + "dub(?:bed|s)?|term(?:s|ed)?|brand(?:s|ed)?|characteri[sz](?:e|es|ed)|mention(?:s|ed)?)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INSTITUTION_AFTER = Pattern.compile(
            "^\\s*(?:'s\\s+|’s\\s+)?(?:Supreme\\s+|Constitutional\\s+|High\\s+|federal\\s+|Federal\\s+)?(?:Court|Ministry|Government|government|"
                    + "Parliament|parliament|Duma|authorities|Prosecutor|President|officials|Foreign|Justice|Interior|"
                    + "Security|Home|State|Cabinet|cabinet|Council|Senate|Congress|Treasury|court)");
    private static final Pattern INSTITUTION_BEFORE = Pattern.compile(
            "(?:Court|Ministry|Government|Parliament|Council|Office|Prosecutor(?:\\s+General)?|authorities|government)\\s+of\\s+(?:the\\s+)?$");

    private final KnowledgeBase kb;

    public ClaimExtractor(KnowledgeBase kb) {
        this.kb = kb;
    }

    /**
     * @param text      the article text the mentions were found in (title first, then body)
     * @param mentions  the entity mentions of that text, in order
     * @param published the article's publish date, or null; relative dates are resolved against it
     */
    public List<Claim> extract(String text, List<Mention> mentions, String published) {
        List<Claim> out = new ArrayList<>();
        String dominant = dominantJurisdiction(mentions);
        LocalDate anchor = IsoDates.toLocalDate(published);
        for (Sentence sent : Sentences.split(text)) {
            String s = sent.text();
            if (s.endsWith("?")) {
                continue; // a question reports nothing
            }
            int from = sent.start();
            int to = from + s.length();
            List<Mention> inSentence = new ArrayList<>();
            for (Mention m : mentions) {
                if (m.start() >= from && m.end() <= to) {
                    inSentence.add(m.shifted(from));
                }
            }
            if (inSentence.stream().noneMatch(m -> Entity.ORG.equals(m.type()))) {
                continue;
            }
            List<Triggers.Trigger> triggers = Triggers.find(s);
            if (triggers.isEmpty()) {
                continue;
            }
            boolean future = PENDING_CUE.matcher(s).find();
            List<DateMentions.Found> dates = DateMentions.find(s, future);
            Map<Triggers.Trigger, DateMentions.Found> dateOf = assignDates(triggers, dates);
            for (Triggers.Trigger t : triggers) {
                Found f = claim(s, t, triggers, dateOf.get(t), inSentence, dominant, anchor);
                if (f != null) {
                    out.addAll(expand(f, s, t, inSentence));
                }
            }
        }
        return dedupe(datedByTheNews(out, anchor));
    }

    /** A claim and the mention of the jurisdiction that acts in it (null when it is the article's dominant one). */
    private record Found(Claim claim, Mention actor) {}

    /**
     * An undated final decision ("Russia lifts ban", "the decision to suspend the status") is the
     * article's news; when the article dates that same news elsewhere ("on April 17 the court
     * suspended the ban"), the undated mentions take that date rather than the publish date.
     * Only when exactly one such date is given, and never for pending steps (a hearing date is not
     * when a request was made).
     */
    private static List<Claim> datedByTheNews(List<Claim> claims, LocalDate anchor) {
        Map<String, java.util.Set<DateExpr>> dated = new HashMap<>();
        for (Claim c : claims) {
            DateExpr d = c.date();
            if (!c.background() && !Status.valueOf(c.status()).isPending()
                    && (d.kind() == DateExpr.Kind.MONTH_DAY || d.kind() == DateExpr.Kind.ABSOLUTE)) {
                dated.computeIfAbsent(newsKey(c), k -> new java.util.HashSet<>()).add(d);
            }
        }
        List<Claim> out = new ArrayList<>(claims.size());
        for (Claim c : claims) {
            java.util.Set<DateExpr> ds = dated.get(newsKey(c));
            if (c.date().kind() == DateExpr.Kind.ANCHOR && !c.background() && ds != null && ds.size() == 1) {
                DateExpr d = ds.iterator().next();
                c = new Claim(c.org(), c.orgName(), c.jurisdiction(), c.jurisdictionName(), c.status(), c.list(), d,
                        d.resolve(anchor, true), c.background(), c.sentence(), c.confidence());
            }
            out.add(c);
        }
        return out;
    }

    private static String newsKey(Claim c) {
        return c.org() + "|" + c.jurisdiction() + "|" + c.status();
    }

    private Found claim(String s, Triggers.Trigger t, List<Triggers.Trigger> all, DateMentions.Found date,
                        List<Mention> mentions, String dominant, LocalDate anchor) {
        String before = s.substring(0, t.start());
        if (NEGATION.matcher(before).find()) {
            return null;
        }
        if (insideQuotes(s, t.start()) && (LABEL_VERB.matcher(before).find()
                || Pattern.compile("\\bas\\s+(?:an?\\s+)?[\"'\u201C\u2018]+\\s*[^\"'\u201C\u201D\u2018\u2019]*$",
                Pattern.CASE_INSENSITIVE).matcher(before).find())) {
            return null; // a label others use ("refer to it as 'banned in Russia'") is not news
        }
        String word = s.substring(t.start(), t.end()).split("[\\s\\p{Punct}]", 2)[0].toLowerCase(Locale.ROOT);
        if (word.endsWith("ing") && GERUND_NOT_EVENT.matcher(before).find()) {
            return null; // a gerund subject or "by ...ing" names the act without reporting that it happened
        }
        Mention org = nearest(mentions, t, Entity.ORG);
        if (org == null) {
            return null;
        }
        Status status = t.status();
        boolean pending = !t.state() && (PENDING_CUE.matcher(s.substring(0, t.end())).find()
                || Pattern.compile("\\bif\\b", Pattern.CASE_INSENSITIVE).matcher(s).find());
        if (pending && status == Status.DELISTED) {
            status = Status.DELISTING_PENDING;
        } else if (pending && status == Status.DESIGNATED) {
            status = Status.LISTING_PENDING;
        }
        String window = s.substring(windowStart(s, t, all), t.start());
        boolean background = (BACKGROUND.matcher(window).find() && !REPORTED_PLUPERFECT.matcher(window).find())
                || (date != null && date.since());
        DateExpr expr;
        if (date != null) {
            expr = date.expr();
        } else if (background || t.state() || UNDATED_PERFECT.matcher(window).find()) {
            expr = DateExpr.UNKNOWN; // a standing state or history without a date: when is not known
        } else {
            expr = DateExpr.ANCHOR; // the article's news: it happened about when it was published
        }
        Mention actor = actor(s, t, mentions, status);
        String jurisdiction = actor != null ? actor.jurisdiction() : dominant;
        if (jurisdiction == null) {
            return null;
        }
        KnowledgeBase.Entry j = kb.get(jurisdiction);
        double confidence = 0.9;
        if ("COREF".equals(org.via())) {
            confidence -= 0.15;
        }
        if (pending || t.state()) {
            confidence -= 0.1;
        }
        return new Found(new Claim(org.id(), org.name(), jurisdiction, j == null ? jurisdiction : j.name(), status.name(),
                status == Status.SANCTIONED || s.substring(t.start(), t.end()).toLowerCase(Locale.ROOT).contains("sanction")
                        ? "sanctions" : listOf(s), expr, expr.resolve(anchor, true), background, s,
                Math.round(confidence * 100) / 100.0), actor);
    }

    /**
     * The words that can make a trigger background: up to 60 characters before it, but not past the
     * previous trigger or the start of its clause, so that "had designated it for 20 years, and the
     * removal of this designation" does not make the removal history.
     */
    private static int windowStart(String s, Triggers.Trigger t, List<Triggers.Trigger> all) {
        int start = Math.max(0, t.start() - 60);
        for (Triggers.Trigger o : all) {
            if (o != t && o.end() <= t.start()) {
                start = Math.max(start, o.end());
            }
        }
        var m = CLAUSE_BOUNDARY.matcher(s.substring(0, t.start()));
        while (m.find()) {
            start = Math.max(start, m.end());
        }
        return start;
    }

    /**
     * "Kazakhstan and Kyrgyzstan have removed..." is one claim for each jurisdiction coordinated with
     * the acting one ("A, B and C"), as long as the coordination stands before the trigger.
     */
    private List<Claim> expand(Found f, String s, Triggers.Trigger t, List<Mention> mentions) {
        Claim c = f.claim();
        List<Claim> out = new ArrayList<>();
        out.add(c);
        if (f.actor() == null || !Entity.LOC.equals(f.actor().type())) {
            return out;
        }
        List<Mention> locs = new ArrayList<>();
        for (Mention m : mentions) {
            if (Entity.LOC.equals(m.type()) && m.jurisdiction() != null && m.end() <= t.start()) {
                locs.add(m);
            }
        }
        int at = locs.indexOf(f.actor());
        if (at < 0) {
            return out;
        }
        // the maximal run of jurisdictions joined by coordinators around the actor
        int lo = at;
        int hi = at;
        while (lo > 0 && COORDINATOR.matcher(s.substring(locs.get(lo - 1).end(), locs.get(lo).start())).matches()) {
            lo--;
        }
        while (hi + 1 < locs.size() && COORDINATOR.matcher(s.substring(locs.get(hi).end(), locs.get(hi + 1).start())).matches()) {
            hi++;
        }
        // an English list closes with "and" ("A, B and C"); a bare comma ("after talks with A and B, C
        // lifted...") separates a phrase from the subject rather than listing it
        if (hi == lo || !s.substring(locs.get(hi - 1).end(), locs.get(hi).start()).matches("(?is).*\\b(?:and|as\\s+well\\s+as)\\b.*|\\s*&.*")) {
            return out;
        }
        java.util.Set<String> seen = new java.util.HashSet<>(List.of(c.jurisdiction()));
        for (int k = lo; k <= hi; k++) {
            Mention m = locs.get(k);
            if (seen.add(m.jurisdiction())) {
                KnowledgeBase.Entry j = kb.get(m.jurisdiction());
                out.add(new Claim(c.org(), c.orgName(), m.jurisdiction(), j == null ? m.jurisdiction() : j.name(),
                        c.status(), c.list(), c.date(), c.since(), c.background(), c.sentence(), c.confidence()));
            }
        }
        return out;
    }

    /** Each date belongs to the trigger nearest to it, so "had previously been designated" keeps no date of the main verb. */
    private static Map<Triggers.Trigger, DateMentions.Found> assignDates(List<Triggers.Trigger> triggers,
                                                                          List<DateMentions.Found> dates) {
        Map<Triggers.Trigger, DateMentions.Found> out = new HashMap<>();
        for (DateMentions.Found d : dates) {
            Triggers.Trigger best = null;
            int bestDist = Integer.MAX_VALUE;
            for (Triggers.Trigger t : triggers) {
                int dist = d.start() >= t.end() ? d.start() - t.end() : Math.max(0, t.start() - d.end());
                if (dist < bestDist) {
                    bestDist = dist;
                    best = t;
                }
            }
            if (best != null) {
                DateMentions.Found prev = out.get(best);
                if (prev == null || distance(prev, best) > bestDist) {
                    out.put(best, d);
                }
            }
        }
        return out;
    }

    private static int distance(DateMentions.Found d, Triggers.Trigger t) {
        return d.start() >= t.end() ? d.start() - t.end() : Math.max(0, t.start() - d.end());
    }

    private static Mention nearest(List<Mention> mentions, Triggers.Trigger t, String type) {
        Mention best = null;
        int bestDist = Integer.MAX_VALUE;
        for (Mention m : mentions) {
            if (!type.equals(m.type())) {
                continue;
            }
            int dist = m.start() >= t.end() ? m.start() - t.end() : Math.max(0, t.start() - m.end());
            if (dist < bestDist) {
                bestDist = dist;
                best = m;
            }
        }
        return best;
    }

    /**
     * The jurisdiction that acts: the state or body whose court, ministry or name stands as the
     * actor ("Russia's Supreme Court", "banned in Russia", "by the US"); null when none stands out,
     * and the caller falls back to the article's dominant jurisdiction.
     */
    private Mention actor(String s, Triggers.Trigger t, List<Mention> mentions, Status status) {
        Mention best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Mention m : mentions) {
            if (m.jurisdiction() == null || !(Entity.LOC.equals(m.type()) || Entity.PER.equals(m.type()))) {
                continue;
            }
            KnowledgeBase.Entry e = kb.get(m.jurisdiction());
            if (e == null) {
                continue;
            }
            String before = s.substring(Math.max(0, m.start() - 30), m.start());
            String after = s.substring(m.end(), Math.min(s.length(), m.end() + 40));
            double score = 0;
            if (after.startsWith("'s") || after.startsWith("’s") || after.startsWith("'") && !after.startsWith("' ")) {
                score += 3;
            }
            if (INSTITUTION_AFTER.matcher(after).find() && !"PER".equals(m.type())) {
                score += 2.5;
            }
            if (INSTITUTION_BEFORE.matcher(before).find()) {
                score += 3;
            }
            if (Pattern.compile("\\b(?:in|by)\\s+(?:the\\s+)?$").matcher(before).find()) {
                score += 2;
            }
            if (Pattern.compile("\\b(?:with|to|toward|towards|against|into|from)\\s+(?:the\\s+)?$").matcher(before).find()
                    || after.startsWith("-")) {
                score -= 3;
            }
            boolean body = "BODY".equals(e.kind());
            if (status == Status.SANCTIONED) {
                if (body) {
                    score += 2;
                }
                if (Pattern.compile("^\\s*(?:Security Council\\s+)?sanctions").matcher(after).find()
                        || m.end() <= t.start() && s.substring(m.end(), t.start()).trim().length() < 3) {
                    score += 4;
                }
            } else if (body) {
                score -= 1;
            }
            if (m.end() <= t.start()) {
                score += 1;
            }
            if ("PER".equals(m.type())) {
                score -= 1;
            }
            int dist = m.start() >= t.end() ? m.start() - t.end() : Math.max(0, t.start() - m.end());
            score -= dist / 200.0;
            if (score > bestScore) {
                bestScore = score;
                best = m;
            }
        }
        if (best != null && bestScore > -1) {
            return best;
        }
        return null;
    }

    /** The state named most often in the article, for sentences that leave the jurisdiction implicit. */
    static String dominantJurisdiction(List<Mention> mentions) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Mention m : mentions) {
            if (Entity.LOC.equals(m.type()) && m.jurisdiction() != null) {
                counts.merge(m.jurisdiction(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /**
     * Whether {@code pos} lies inside a quotation. Double and single quotes are counted apart, so a
     * nested label ("... as a 'terrorist organization, banned in Russia'") is inside both; an
     * apostrophe between letters (Russia's, Hay'at) is not a quote.
     */
    static boolean insideQuotes(String s, int pos) {
        int straightDouble = 0;
        int straightSingle = 0;
        int curlyDouble = 0;
        int curlySingle = 0;
        for (int i = 0; i < pos; i++) {
            char c = s.charAt(i);
            boolean letterBefore = i > 0 && Character.isLetterOrDigit(s.charAt(i - 1));
            boolean letterAfter = i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i + 1));
            if (c == '"') {
                straightDouble++;
            } else if (c == '\u201C') {
                curlyDouble++;
            } else if (c == '\u201D') {
                curlyDouble = Math.max(0, curlyDouble - 1);
            } else if (c == '\'' && !(letterBefore && letterAfter) && !(s.charAt(i - 1 < 0 ? 0 : i - 1) == 's' && !letterAfter && i > 0)) {
                straightSingle++;
            } else if (c == '\u2018') {
                curlySingle++;
            } else if (c == '\u2019' && !(letterBefore && letterAfter) && curlySingle > 0) {
                curlySingle--;
            }
        }
        return straightDouble % 2 == 1 || straightSingle % 2 == 1 || curlyDouble > 0 || curlySingle > 0;
    }

    private static String listOf(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if (l.contains("foreign terrorist organization") || s.contains("FTO")) {
            return "FTO";
        }
        if (l.contains("specially designated global terrorist") || s.contains("SDGT")) {
            return "SDGT";
        }
        if (l.contains("terrorism act") || l.contains("proscri")) {
            return "proscription";
        }
        if (l.contains("criminal code")) {
            return "criminal-code";
        }
        return null;
    }

    private static List<Claim> dedupe(List<Claim> claims) {
        Map<String, Claim> out = new LinkedHashMap<>();
        for (Claim c : claims) {
            out.putIfAbsent(c.org() + "|" + c.jurisdiction() + "|" + c.status() + "|" + c.since() + "|" + c.sentence(), c);
        }
        return new ArrayList<>(out.values());
    }
}
