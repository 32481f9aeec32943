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

    private static final Pattern PENDING_CUE = Pattern.compile(
            "\\b(?:request(?:ed|s|ing)?|ask(?:ed|s|ing)?|propos(?:e|ed|es|ing|al)|plan(?:s|ned|ning)?\\s+to|"
                    + "mov(?:e|es|ed|ing)\\s+to|steps?\\s+to|seek(?:s|ing)?|sought|consider(?:s|ed|ing)?|hearing|scheduled|"
                    + "draft|will|would|could|if|intend(?:s|ed)?|petition(?:ed|s)?|call(?:ed|s|ing)?\\s+for|urg(?:e|ed|es|ing)|"
                    + "decided\\s+to|expected\\s+to|set\\s+to|prepar(?:e|es|ed|ing)\\s+to|may|might|pending|whether)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(?:not|never|no|neither|nor|refused\\s+to|declined\\s+to|rejected|denied)\\b[^,;]{0,25}$|n't\\s+(?:\\w+\\s+)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BACKGROUND = Pattern.compile(
            "\\b(?:had|previously|formerly|earlier|originally|first|initially|since|for\\s+(?:over|more\\s+than|nearly|almost)?\\s*\\w+\\s+(?:years|decades))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UNDATED_PERFECT = Pattern.compile("\\b(?:already|still|remains?|long)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern LABEL_VERB = Pattern.compile("\\b(?:refer(?:s|red|ring)?|call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|label(?:l?ed|s)?|dub(?:bed|s)?)\\b",
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
                Claim c = claim(s, t, triggers, dateOf.get(t), inSentence, dominant, anchor);
                if (c != null) {
                    out.addAll(expand(c, s, t, inSentence, dominant));
                }
            }
        }
        return dedupe(out);
    }

    private Claim claim(String s, Triggers.Trigger t, List<Triggers.Trigger> all, DateMentions.Found date,
                        List<Mention> mentions, String dominant, LocalDate anchor) {
        String before = s.substring(0, t.start());
        if (NEGATION.matcher(before).find()) {
            return null;
        }
        if (insideQuotes(s, t.start()) && LABEL_VERB.matcher(before).find()) {
            return null; // a label others use ("refer to it as 'banned in Russia'") is not news
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
        String window = s.substring(Math.max(0, t.start() - 60), t.start());
        boolean background = BACKGROUND.matcher(window).find() || (date != null && date.since());
        DateExpr expr;
        if (date != null) {
            expr = date.expr();
        } else if (background || t.state() || UNDATED_PERFECT.matcher(window).find()) {
            expr = DateExpr.UNKNOWN; // a standing state or history without a date: when is not known
        } else {
            expr = DateExpr.ANCHOR; // the article's news: it happened about when it was published
        }
        String jurisdiction = jurisdiction(s, t, mentions, status, dominant);
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
        return new Claim(org.id(), org.name(), jurisdiction, j == null ? jurisdiction : j.name(), status.name(),
                status == Status.SANCTIONED || s.substring(t.start(), t.end()).toLowerCase(Locale.ROOT).contains("sanction")
                        ? "sanctions" : listOf(s), expr, expr.resolve(anchor, true), background, s, Math.round(confidence * 100) / 100.0);
    }

    /** "Kazakhstan and Kyrgyzstan have removed..." is one claim for each coordinated jurisdiction. */
    private List<Claim> expand(Claim c, String s, Triggers.Trigger t, List<Mention> mentions, String dominant) {
        List<Claim> out = new ArrayList<>();
        out.add(c);
        Mention chosen = null;
        for (Mention m : mentions) {
            if (c.jurisdiction().equals(m.jurisdiction()) && Entity.LOC.equals(m.type())) {
                chosen = m;
                break;
            }
        }
        if (chosen == null) {
            return out;
        }
        for (Mention m : mentions) {
            if (!Entity.LOC.equals(m.type()) || m == chosen || c.jurisdiction().equals(m.jurisdiction())) {
                continue;
            }
            int a = Math.min(chosen.end(), m.end());
            int b = Math.max(chosen.start(), m.start());
            if (b < a) {
                continue;
            }
            String between = s.substring(a, b).trim();
            if ((between.equals("and") || between.equals(",") || between.equals(", and")) && m.end() <= t.start()) {
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
     * actor ("Russia's Supreme Court", "banned in Russia", "by the US"), else the article's
     * dominant jurisdiction.
     */
    private String jurisdiction(String s, Triggers.Trigger t, List<Mention> mentions, Status status, String dominant) {
        String best = null;
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
                best = m.jurisdiction();
            }
        }
        if (best != null && bestScore > -1) {
            return best;
        }
        return dominant;
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

    private static boolean insideQuotes(String s, int pos) {
        int straight = 0;
        int open = 0;
        for (int i = 0; i < pos; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                straight++;
            } else if (c == '\u201C') {
                open++;
            } else if (c == '\u201D') {
                open = Math.max(0, open - 1);
            } else if (c == '\'' && (i == 0 || !Character.isLetter(s.charAt(i - 1)))) {
                straight++;
            }
        }
        return straight % 2 == 1 || open > 0;
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
