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
                    + "mov(?:e|es|ed|ing)\\s+to|steps?\\s+to|seek(?:s|ing)?|sought|consider(?:s|ing)?|hearing|scheduled|"
                    + "draft|will|would|could|if|intend(?:s|ed)?|petition(?:ed|s)?|call(?:ed|s|ing)?\\s+(?:for|on)|urg(?:e|ed|es|ing)|"
                    + "decided\\s+to|expected\\s+to|bill|motion|lawsuit|want(?:s|ed)?|direct(?:s|ed|ing)|instruct(?:s|ed|ing)|look(?:s|ed|ing)?\\s+(?:at|into)|weigh(?:s|ed|ing)?|set\\s+to|prepar(?:e|es|ed|ing)\\s+to|(?-i:may)|might|pending|whether)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(?:not|never|no|neither|nor|refused\\s+to|declined\\s+to|rejected|denied)\\b[^,;]{0,25}$|n't\\s+(?:\\w+\\s+)?$",
            Pattern.CASE_INSENSITIVE);
    // "first", "originally" only right before the verb: "first proscribed in 1992", not "the first country to ban"
    private static final Pattern BACKGROUND = Pattern.compile(
            "\\b(?:originally|first|initially)\\s+(?:\\w+\\s+)?$"
                    + "|\\b(?:had|previously|formerly|earlier|since|for\\s+(?:over|more\\s+than|nearly|almost)?\\s*\\w+\\s+(?:years|decades))\\b",
            Pattern.CASE_INSENSITIVE);
    /** "announced that it had removed": a pluperfect in reported speech is the news, not history. */
    private static final Pattern REPORTED_PLUPERFECT = Pattern.compile(
            "\\b(?:announc|sa(?:id|ys)|report|stat|confirm|rul|declar|told|note|explain|clarifi)\\w*\\b[^.;]{0,50}?\\b(?:that\\s+)?(?:[\\w'\u2019-]+\\s+){0,4}had\\s+(?:\\w+\\s+)?$",
            Pattern.CASE_INSENSITIVE);
    /** Where a clause begins: a background cue before it ("for 20 years, and the removal...") is another clause's. */
    private static final Pattern CLAUSE_BOUNDARY = Pattern.compile(
            "(?:[;:\u2014\u2013]|\\s-\\s|,\\s*(?:and|but|while|whereas|yet|so)\\b)", Pattern.CASE_INSENSITIVE);
    /** "Removing the designation opens the way...", "By lifting the ban, X...": the act named, not reported. */
    private static final Pattern GERUND_NOT_EVENT = Pattern.compile("(?:^[\\s\"'\u201C\u2018]*|\\b(?:[Bb]y|about|of)\\s+)$");
    /** "Boko Haram's former spokesman", "financiers of Hezbollah": the act falls on people, not on the organisation. */
    private static final String PEOPLE = "(?:leaders?|chiefs?|heads?|founders?|spokes(?:man|men|woman|person|people)|commanders?|"
            + "financiers?|members?|officials?|fighters?|militants?|operatives?|recruiters?|envoys?|deput(?:y|ies)|figures?|"
            + "associates?|supporters?|sympathi[sz]ers?)";
    private static final Pattern PEOPLE_AFTER_ORG = Pattern.compile(
            "^(?:['\u2019]s?)\\s+(?:[\\w-]+\\s+){0,2}?(?:" + PEOPLE
                    + "|arms?|units?|subsidiar(?:y|ies)|compan(?:y|ies)|affiliates?|branch(?:es)?)\\b", Pattern.CASE_INSENSITIVE);
    /** "despite calls to lift the designation": a concession, not a step anyone took. */
    private static final Pattern CONCESSIVE = Pattern.compile("\\b(?:despite|amid|in\\s+spite\\s+of|notwithstanding)\\b[^,;]{0,40}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PEOPLE_BEFORE_ORG = Pattern.compile(
            "\\b" + PEOPLE + "\\s+(?:of|from|linked\\s+to|tied\\s+to)\\s+(?:the\\s+)?$", Pattern.CASE_INSENSITIVE);
    /** An "if" clause that holds the trigger: "If the ban is confirmed, ...". */
    private static final Pattern IF_CLAUSE = Pattern.compile("\\b(?:if|unless|should)\\b[^,;]*$", Pattern.CASE_INSENSITIVE);
    /** Who is asked to act acts: "ask Washington to remove", "urged Sweden and Finland to ban". */
    private static final Pattern ASKED_BEFORE = Pattern.compile(
            "\\b(?:ask(?:s|ed|ing)?|want(?:s|ed)?|urg(?:e|es|ed|ing)|press(?:es|ed|ing)?|call(?:s|ed|ing)?\\s+on|petition(?:s|ed|ing)?|lobb(?:y|ies|ied|ying))\\s+(?:the\\s+)?$",
            Pattern.CASE_INSENSITIVE);
    /** What makes a date the next one rather than the last: a schedule, a plan, a modal. */
    private static final Pattern FUTURE_CUE = Pattern.compile(
            "\\b(?:will|would|shall|could|might|(?-i:may)|scheduled|set\\s+(?:for|to)|due|expected\\s+to|plan(?:s|ned)?\\s+to|intend(?:s|ed)?\\s+to|next|upcoming|"
                    + "to\\s+be\\s+held)\\b", Pattern.CASE_INSENSITIVE);
    /** "on whether the government would proscribe X": an open question. */
    private static final Pattern WHETHER = Pattern.compile("\\bwhether\\b[^.;]{0,80}$", Pattern.CASE_INSENSITIVE);
    /** After a date, only a modal makes it planned: "on Monday the court will rule", not "on Monday directing...". */
    private static final Pattern MODAL_AFTER = Pattern.compile(
            "\\b(?:will|would|shall|(?:is|are)\\s+(?:set|expected|due|scheduled)\\s+to|(?:is|are)\\s+to)\\b", Pattern.CASE_INSENSITIVE);
    /** "was announced by Brussels": the agent of the decision, however far from the trigger. */
    private static final Pattern DECIDED_BY = Pattern.compile(
            "\\b(?:announced|approved|decided|adopted|ordered|confirmed|imposed|issued|signed|enacted|agreed)\\s+by\\s+(?:the\\s+)?$");
    private static final Pattern CONJUNCTION = Pattern.compile("(?:;|\\b(?:but|and|while|whereas|yet|then)\\b)",
            Pattern.CASE_INSENSITIVE);
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

    // compiled once here rather than per sentence or per mention where they are used
    private static final Pattern LEADING_CLAUSES = Pattern.compile("^.*[,;]");
    private static final Pattern RELATIVE_PRONOUN = Pattern.compile("(?is).*\\b(?:that|which|who)\\b.*");
    private static final Pattern AS_QUOTED_LABEL = Pattern.compile(
            "\\bas\\s+(?:an?\\s+)?[\"'\u201C\u2018]+\\s*[^\"'\u201C\u201D\u2018\u2019]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern IF_WORD = Pattern.compile("\\bif\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TERRORISM_ACT = Pattern.compile("(?s).*(?<!Anti-)\\bTerrorism Act\\b.*");
    private static final Pattern LIST_CLOSER = Pattern.compile("(?is).*\\b(?:and|as\\s+well\\s+as)\\b.*|\\s*&.*");
    private static final Pattern CATEGORY_NAME = Pattern.compile("(?i).*\\b(?:terrorist|terror|extremist|criminal)\\b.*");
    private static final Pattern IN_OR_BY_BEFORE = Pattern.compile("\\b(?:in|by)\\s+(?:the\\s+)?$");
    private static final Pattern OTHER_PREPOSITION_BEFORE = Pattern.compile(
            "\\b(?:with|to|toward|towards|against|into|from)\\s+(?:the\\s+)?$");
    private static final Pattern SANCTIONS_AFTER = Pattern.compile("^\\s*(?:Security Council\\s+)?sanctions");
    private static final Pattern ACTIVITY_BAN = Pattern.compile("\\bactivit(?:y|ies)\\s+ban");

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
        MentionIndex index = new MentionIndex(mentions);
        // only a sentence that names an organisation is read, and a sentence never spans a line break
        List<Sentence> sentences = Sentences.split(text, (start, end) -> anyOrganization(index.within(start, end)));
        String dominant = dominantJurisdiction(aboutOrganizations(sentences, index));
        LocalDate anchor = IsoDates.toLocalDate(published);
        for (Sentence sent : sentences) {
            String s = sent.text();
            if (s.endsWith("?")) {
                continue; // a question reports nothing
            }
            int from = sent.start();
            int to = from + s.length();
            List<Mention> within = index.within(from, to);
            if (!anyOrganization(within)) {
                continue;
            }
            List<Mention> inSentence = new ArrayList<>(within.size());
            for (Mention m : within) {
                inSentence.add(m.shifted(from));
            }
            List<Triggers.Trigger> triggers = Triggers.find(s);
            if (triggers.isEmpty()) {
                continue;
            }
            List<DateMentions.Found> dates = new ArrayList<>(futureWherePlanned(s, DateMentions.find(s, false)));
            // "quashed the 2016 ban", "the ban, imposed in 2021, was lifted": a date inside a delisting dates the listing
            Map<Triggers.Trigger, DateMentions.Found> listedOn = new HashMap<>();
            for (Triggers.Trigger t : triggers) {
                if (t.status() == Status.DELISTED) {
                    for (DateMentions.Found d : List.copyOf(dates)) {
                        if (d.start() > t.start() && d.end() < t.end() && d.expr().kind() != DateExpr.Kind.UNKNOWN) {
                            listedOn.put(t, d);
                            dates.remove(d);
                        }
                    }
                }
            }
            Map<Triggers.Trigger, DateMentions.Found> dateOf = assignDates(s, triggers, dates);
            for (Triggers.Trigger t : triggers) {
                DateMentions.Found d = dateOf.get(t);
                if (listedOn.containsKey(t)) {
                    Triggers.Trigger listing = new Triggers.Trigger(Status.DESIGNATED, t.start(), t.end(), true);
                    DateMentions.Found ld = listedOn.get(t);
                    Found h = claim(s, listing, triggers, new DateMentions.Found(ld.expr(), ld.start(), ld.end(), true),
                            inSentence, dominant, anchor);
                    if (h != null) {
                        out.addAll(expand(h, s, listing, inSentence));
                    }
                }
                if (t.status() == Status.DELISTED && d != null && d.since() && d.start() >= t.end()) {
                    // "ending a listing that had stood since 2005": the since-date is the listing's own history
                    Triggers.Trigger listing = new Triggers.Trigger(Status.DESIGNATED, t.start(), t.end(), true);
                    Found h = claim(s, listing, triggers, d, inSentence, dominant, anchor);
                    if (h != null) {
                        out.addAll(expand(h, s, listing, inSentence));
                    }
                    d = null;
                }
                Found f = claim(s, t, triggers, d, inSentence, dominant, anchor);
                if (f != null) {
                    out.addAll(expand(f, s, t, inSentence));
                }
            }
        }
        return dedupe(datedByTheNews(out, anchor));
    }

    /**
     * A date is the next such date when a plan or schedule speaks of it: a pending cue before it
     * ("a hearing is scheduled for April 17"), or after it in the same clause ("on Monday the court
     * will rule"). "Banned it on Monday, saying it could..." keeps Monday in the past.
     */
    private static List<DateMentions.Found> futureWherePlanned(String s, List<DateMentions.Found> dates) {
        List<DateMentions.Found> out = new ArrayList<>(dates.size());
        for (DateMentions.Found d : dates) {
            DateExpr e = d.expr();
            // "could remove it this year": a target year is planned too (resolving a year ignores the flag)
            if (e.kind() == DateExpr.Kind.MONTH_DAY || e.kind() == DateExpr.Kind.WEEKDAY
                    || e.kind() == DateExpr.Kind.YEARS && e.value() >= 0) {
                String after = s.substring(d.end(), Math.min(s.length(), d.end() + 25));
                int comma = after.indexOf(',');
                String clauseAfter = comma < 0 ? after : after.substring(0, comma);
                String clauseBefore = LEADING_CLAUSES.matcher(s.substring(0, d.start())).replaceAll("");
                boolean planned = FUTURE_CUE.matcher(clauseBefore).find()
                        || MODAL_AFTER.matcher(clauseAfter).find() && !RELATIVE_PRONOUN.matcher(clauseAfter).matches();
                if (planned != e.future()) {
                    e = new DateExpr(e.kind(), e.year(), e.month(), e.day(), e.value(), planned);
                }
            }
            out.add(new DateMentions.Found(e, d.start(), d.end(), d.since()));
        }
        return out;
    }

    /** A claim and the mention of the jurisdiction that acts in it (null when it is the article's dominant one). */
    private record Found(Claim claim, Mention actor, Mention org) {}

    /**
     * An undated final decision ("Russia lifts ban", "the decision to suspend the status") is the
     * article's news; when the article dates that same news elsewhere ("on April 17 the court
     * suspended the ban"), the undated mentions take that date rather than the publish date.
     * Only when exactly one such date is given, and never for pending steps (a hearing date is not
     * when a request was made).
     */
    private static List<Claim> datedByTheNews(List<Claim> claims, LocalDate anchor) {
        Map<String, java.util.Set<DateExpr>> dated = new HashMap<>();
        Map<String, java.util.Set<String>> listed = new HashMap<>();
        for (Claim c : claims) {
            DateExpr d = c.date();
            if (!c.background() && !Status.valueOf(c.status()).isPending()
                    && (d.kind() == DateExpr.Kind.MONTH_DAY || d.kind() == DateExpr.Kind.ABSOLUTE
                    || d.kind() == DateExpr.Kind.WEEKDAY || d.kind() == DateExpr.Kind.DAYS)) {
                dated.computeIfAbsent(newsKey(c), k -> new java.util.HashSet<>()).add(d);
            }
            if (!c.background() && d.kind() != DateExpr.Kind.UNKNOWN) {
                listed.computeIfAbsent(newsKey(c), k -> new java.util.HashSet<>()).add(String.valueOf(c.list()));
            }
        }
        List<Claim> out = new ArrayList<>(claims.size());
        for (Claim c : claims) {
            if (c.date().kind() == DateExpr.Kind.ANCHOR && !c.background()) {
                java.util.Set<DateExpr> ds = dated.get(newsKey(c));
                DateExpr d = ds != null && ds.size() == 1 ? ds.iterator().next() : c.date();
                // "Britain lifts ban on X" and "the Home Office deproscribed X" are one act: the
                // headline takes the instrument the body names, when the body names exactly one
                java.util.Set<String> ls = new java.util.HashSet<>(listed.getOrDefault(newsKey(c), java.util.Set.of()));
                ls.remove("null");
                String list = c.list() == null && ls.size() == 1 ? ls.iterator().next() : c.list();
                c = new Claim(c.org(), c.orgName(), c.jurisdiction(), c.jurisdictionName(), c.status(), list, d,
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
        if (NEGATION.matcher(before).find() || CONCESSIVE.matcher(before).find() || WHETHER.matcher(before).find()) {
            return null;
        }
        if (insideQuotes(s, t.start()) && (LABEL_VERB.matcher(before).find()
                || AS_QUOTED_LABEL.matcher(before).find())) {
            return null; // a label others use ("refer to it as 'banned in Russia'") is not news
        }
        String word = s.substring(t.start(), t.end()).split("[\\s\\p{Punct}]", 2)[0].toLowerCase(Locale.ROOT);
        if (word.endsWith("ing") && GERUND_NOT_EVENT.matcher(before).find()) {
            return null; // a gerund subject or "by ...ing" names the act without reporting that it happened
        }
        Mention org = nearest(mentions, t, Entity.ORG);
        if (org == null || aboutPeople(s, org, t)) {
            return null;
        }
        boolean conditional = IF_CLAUSE.matcher(before).find();
        if (conditional && t.state()) {
            return null; // "if the ban is confirmed": a hypothetical state is no status
        }
        Status status = t.status();
        boolean pending = !t.state() && (PENDING_CUE.matcher(s.substring(0, t.end())).find()
                || IF_WORD.matcher(s).find());
        if (pending && status == Status.DELISTED) {
            status = Status.DELISTING_PENDING;
        } else if (pending && status == Status.DESIGNATED) {
            status = Status.LISTING_PENDING;
        }
        String window = s.substring(windowStart(s, t, all), t.start());
        boolean background = (BACKGROUND.matcher(window).find() && !REPORTED_PLUPERFECT.matcher(window).find())
                || (date != null && date.since());
        DateExpr expr;
        if (date != null && pending && date.expr().future()) {
            expr = DateExpr.ANCHOR; // "will consider on March 12 a request": pending from when it is reported
        } else if (date != null) {
            expr = date.expr();
        } else if (background || t.state() || UNDATED_PERFECT.matcher(window).find()) {
            expr = DateExpr.UNKNOWN; // a standing state or history without a date: when is not known
        } else {
            expr = DateExpr.ANCHOR; // the article's news: it happened about when it was published
        }
        Mention actor = actor(s, t, mentions, status);
        String list = status == Status.SANCTIONED || s.substring(t.start(), t.end()).toLowerCase(Locale.ROOT).contains("sanction")
                ? "sanctions" : listOf(s);
        String jurisdiction = actor != null ? actor.jurisdiction() : dominant;
        if (jurisdiction == null && ("FTO".equals(list) || "SDGT".equals(list))) {
            jurisdiction = "US"; // the instrument names its state
        }
        if (jurisdiction == null && "proscription".equals(list) && TERRORISM_ACT.matcher(s).matches()) {
            jurisdiction = "GB";
        }
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
                list, expr, expr.resolve(anchor, true), background, s, Math.round(confidence * 100) / 100.0), actor, org);
    }

    /** Whether the organisation only qualifies the people the act is about ("X's spokesman", "financiers of X"). */
    private static boolean aboutPeople(String s, Mention org, Triggers.Trigger t) {
        if (org.start() < t.start()) {
            return false; // "militants of X (banned in Russia)": the label is the organisation's own
        }
        String after = s.substring(org.end(), Math.min(s.length(), org.end() + 40));
        String before = s.substring(Math.max(0, org.start() - 40), org.start());
        return PEOPLE_AFTER_ORG.matcher(after).find() || PEOPLE_BEFORE_ORG.matcher(before).find();
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
        List<Mention> jurisdictions = f.actor() != null && Entity.LOC.equals(f.actor().type())
                ? coordinated(s, f.actor(), mentions, m -> Entity.LOC.equals(m.type()) && m.jurisdiction() != null
                        && (m.end() <= t.start()) == (f.actor().end() <= t.start()))
                : List.of();
        // "designated Tren de Aragua and MS-13": one claim for each organisation coordinated with the object
        List<Mention> orgs = coordinated(s, f.org(), mentions, m -> Entity.ORG.equals(m.type()));
        List<Claim> out = new ArrayList<>();
        out.add(c);
        java.util.Set<String> seen = new java.util.HashSet<>(List.of(c.org() + "|" + c.jurisdiction()));
        List<String> codes = new ArrayList<>(List.of(c.jurisdiction()));
        jurisdictions.forEach(m -> codes.add(m.jurisdiction()));
        List<Mention> orgRun = new ArrayList<>(List.of(f.org()));
        orgRun.addAll(orgs);
        for (Mention o : orgRun) {
            if (aboutPeople(s, o, t)) {
                continue;
            }
            for (String code : codes) {
                if (seen.add(o.id() + "|" + code)) {
                    KnowledgeBase.Entry j = kb.get(code);
                    out.add(new Claim(o.id(), o.name(), code, j == null ? code : j.name(), c.status(), c.list(), c.date(),
                            c.since(), c.background(), c.sentence(), c.confidence()));
                }
            }
        }
        return out;
    }

    /**
     * The other mentions coordinated with {@code head} ("A, B and C", "A as well as the B"), among
     * those that {@code kind} accepts. An English list closes with "and"; a bare comma ("after talks
     * with A and B, C lifted...") separates a phrase from the subject rather than listing it.
     */
    private static List<Mention> coordinated(String s, Mention head, List<Mention> mentions,
                                             java.util.function.Predicate<Mention> kind) {
        List<Mention> run = new ArrayList<>();
        for (Mention m : mentions) {
            if (kind.test(m) && !"COREF".equals(m.via())) {
                run.add(m);
            }
        }
        int at = run.indexOf(head);
        if (at < 0) {
            return List.of();
        }
        int lo = at;
        int hi = at;
        while (lo > 0 && COORDINATOR.matcher(s.substring(run.get(lo - 1).end(), run.get(lo).start())).matches()) {
            lo--;
        }
        while (hi + 1 < run.size() && COORDINATOR.matcher(s.substring(run.get(hi).end(), run.get(hi + 1).start())).matches()) {
            hi++;
        }
        if (hi == lo || !LIST_CLOSER.matcher(s.substring(run.get(hi - 1).end(), run.get(hi).start())).matches()) {
            return List.of();
        }
        List<Mention> out = new ArrayList<>();
        for (int k = lo; k <= hi; k++) {
            if (k != at) {
                out.add(run.get(k));
            }
        }
        return out;
    }

    /** Each date belongs to the trigger nearest to it, so "had previously been designated" keeps no date of the main verb. */
    private static Map<Triggers.Trigger, DateMentions.Found> assignDates(String s, List<Triggers.Trigger> triggers,
                                                                          List<DateMentions.Found> dates) {
        Map<Triggers.Trigger, DateMentions.Found> out = new HashMap<>();
        for (DateMentions.Found d : dates) {
            Triggers.Trigger best = null;
            int bestDist = Integer.MAX_VALUE;
            for (Triggers.Trigger t : triggers) {
                int dist = distance(d, t);
                // "banned it in April 2021 but revoked the ban...": a date does not reach across a conjunction
                if (d.end() <= t.start() && CONJUNCTION.matcher(s.substring(d.end(), t.start())).find()) {
                    dist += 1000;
                }
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
            if (!type.equals(m.type()) || isCategory(m)) {
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

    /** "as a Foreign Terrorist Organization": a name found by pattern that is the category, not an organisation. */
    private static boolean isCategory(Mention m) {
        return "PATTERN".equals(m.via()) && CATEGORY_NAME.matcher(m.name()).matches();
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
            // "banned in Russia", "designated by the US": the agent or place of the act itself, right after it
            // ("was welcomed by Israel" further on is someone else's reaction)
            if (IN_OR_BY_BEFORE.matcher(before).find()
                    && (m.start() < t.start() || m.start() - t.end() <= 40 || DECIDED_BY.matcher(before).find())) {
                score += 2;
            }
            if (ASKED_BEFORE.matcher(before).find() && m.end() <= t.start()) {
                score += 6; // the one asked to act is the one who would act
            }
            if (OTHER_PREPOSITION_BEFORE.matcher(before).find()
                    || after.startsWith("-")) {
                score -= 3;
            }
            boolean body = "BODY".equals(e.kind());
            if (status == Status.SANCTIONED) {
                if (body) {
                    score += 2;
                }
                if (SANCTIONS_AFTER.matcher(after).find()
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
        // a state named with no role in the act (neither subject, possessor, agent nor place) leaves
        // the jurisdiction to the article's dominant one
        if (best != null && bestScore > 0.5) {
            return best;
        }
        return null;
    }

    /**
     * The mentions in sentences that name an organisation: the article's matter, without the states
     * named only in links, captions or unrelated paragraphs; all mentions when no sentence names one.
     */
    private static List<Mention> aboutOrganizations(List<Sentence> sentences, MentionIndex index) {
        List<Mention> out = new ArrayList<>();
        for (Sentence sent : sentences) {
            int from = sent.start();
            List<Mention> in = index.within(from, from + sent.text().length());
            if (anyOrganization(in)) {
                out.addAll(in);
            }
        }
        for (Mention m : out) {
            if (Entity.LOC.equals(m.type()) && m.jurisdiction() != null) {
                return out;
            }
        }
        return index.all();
    }

    private static boolean anyOrganization(List<Mention> mentions) {
        for (Mention m : mentions) {
            if (Entity.ORG.equals(m.type())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The mentions that lie inside a span, in their order. Mentions sorted by start (as the tagger
     * gives them) are found by binary search, so that a sentence costs its own mentions rather than
     * the article's; any other order falls back to reading them all.
     */
    private static final class MentionIndex {
        private final List<Mention> mentions;
        private final boolean sorted;

        MentionIndex(List<Mention> mentions) {
            this.mentions = mentions;
            boolean ok = true;
            for (int k = 1; k < mentions.size() && ok; k++) {
                ok = mentions.get(k - 1).start() <= mentions.get(k).start();
            }
            this.sorted = ok;
        }

        List<Mention> all() {
            return mentions;
        }

        /** The mentions with {@code from <= start} and {@code end <= to}. */
        List<Mention> within(int from, int to) {
            List<Mention> out = new ArrayList<>();
            if (!sorted) {
                for (Mention m : mentions) {
                    if (m.start() >= from && m.end() <= to) {
                        out.add(m);
                    }
                }
                return out;
            }
            int lo = 0;
            int hi = mentions.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (mentions.get(mid).start() < from) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            // a mention starting after the span cannot end inside it
            for (int k = lo; k < mentions.size() && mentions.get(k).start() <= to; k++) {
                Mention m = mentions.get(k);
                if (m.end() <= to) {
                    out.add(m);
                }
            }
            return out;
        }
    }

    /** The state named most often in the article, for sentences that leave the jurisdiction implicit. */
    static String dominantJurisdiction(List<Mention> mentions) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Mention m : mentions) {
            if (Entity.LOC.equals(m.type()) && m.jurisdiction() != null) {
                counts.merge(m.jurisdiction(), 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            // no state named: the state of the officials who speak ("President X signed an order...")
            for (Mention m : mentions) {
                if (Entity.PER.equals(m.type()) && m.jurisdiction() != null) {
                    counts.merge(m.jurisdiction(), 1, Integer::sum);
                }
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
        if (l.replace("anti-terrorism act", "").contains("terrorism act") || l.contains("proscri")) {
            return "proscription";
        }
        if (l.contains("criminal code")) {
            return "criminal-code";
        }
        if (ACTIVITY_BAN.matcher(l).find()) {
            return "activity-ban"; // the compound names the instrument; "a ban on the activities of" describes a designation
        }
        return null;
    }

    private static List<Claim> dedupe(List<Claim> claims) {
        Map<String, Claim> out = new LinkedHashMap<>();
        java.util.Set<String> datedInSentence = new java.util.HashSet<>();
        for (Claim c : claims) {
            if (c.date().kind() != DateExpr.Kind.UNKNOWN) {
                datedInSentence.add(newsKey(c) + "|" + c.list() + "|" + c.sentence());
            }
        }
        for (Claim c : claims) {
            // "rejected an appeal against the 2002 ban, upholding the designation": one listing, dated once
            if (c.date().kind() == DateExpr.Kind.UNKNOWN && !c.background()
                    && datedInSentence.contains(newsKey(c) + "|" + c.list() + "|" + c.sentence())) {
                continue;
            }
            out.putIfAbsent(c.org() + "|" + c.jurisdiction() + "|" + c.status() + "|" + c.since() + "|" + c.sentence(), c);
        }
        return new ArrayList<>(out.values());
    }
}
