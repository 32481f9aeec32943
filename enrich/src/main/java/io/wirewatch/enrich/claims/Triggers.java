package io.wirewatch.enrich.claims;

import io.wirewatch.common.model.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words that report a change or a state of an organisation's legal status. A delisting verb
 * consumes the status noun it acts on ("lifted the ban" is one delisting, not a ban), so
 * delistings are found first and their objects masked before designations are searched.
 */
final class Triggers {

    /** A trigger found in a sentence: status, span, and whether it describes a standing state. */
    record Trigger(Status status, int start, int end, boolean state) {}

    // plural "lists" too: "removed it from their lists of banned organizations" is a delisting
    private static final String STATUS_NOUN = "(?:ban|bans|designation|designations|status|list|lists|listing|blacklist|blacklists|"
            + "proscription|label|restrictions|sanctions|terrorist\\s+tag)";
    private static final String GAP = "(?:[^.;:?!]{0,90}?)";

    /** Verbs that undo a listing on their own. */
    private static final Pattern DELIST_STRONG = Pattern.compile(
            "\\b(?:de-?list(?:ed|s|ing)?|deproscri(?:be|bed|bes|bing|ption)|unban(?:ned|s)?|overturn(?:ed|s|ing)?|"
                    + "rescind(?:ed|s|ing)?|revok(?:e|ed|es|ing)|revocation|repeal(?:ed|s|ing)?)\\b",
            Pattern.CASE_INSENSITIVE);
    /** Verbs that undo a listing when a status noun is their object: "lifted the ban", "removed ... from the list". */
    private static final Pattern DELIST_VERB_NOUN = Pattern.compile(
            "\\b(?:lift(?:ed|s|ing)?|remov(?:e|ed|es|ing|al)|suspend(?:ed|s|ing)?|suspension|end(?:ed|s|ing)?|"
                    + "drop(?:ped|s|ping)?|scrap(?:ped|s|ping)?|cancel(?:l?ed|s|ling)?|took|tak(?:e|en|es|ing)|struck|strik(?:e|es|ing)|"
                    + "exclud(?:e|ed|es|ing)|annul(?:led|s|ling)?|quash(?:ed|es|ing)?|set\\s+aside|thr(?:ew|own|ow|ows)\\s+out)\\b" + GAP + "\\b" + STATUS_NOUN + "\\b",
            Pattern.CASE_INSENSITIVE);
    /** The passive order: "the ban was lifted", "the designation removed". */
    private static final Pattern DELIST_NOUN_VERB = Pattern.compile(
            "\\b" + STATUS_NOUN + "\\b(?:[^.;:?!]{0,80}?)\\b(?:be|been|being|was|were|is|are|had|has|have)\\s+(?:\\w+ly\\s+)?"
                    + "(?:lifted|removed|suspended|ended|dropped|scrapped|cancell?ed|annulled|quashed|revoked|rescinded|overturned)\\b"
                    + "|\\b" + STATUS_NOUN + "\\s+(?:lifted|removed|suspended|ended|dropped|scrapped|cancell?ed|annulled)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NO_LONGER = Pattern.compile(
            "\\bno longer\\s+(?:be\\s+)?(?:designated|banned|listed|proscribed|outlawed|considered\\s+(?:a|an)\\s+(?:terrorist|extremist))",
            Pattern.CASE_INSENSITIVE);

    /** "as a (Foreign) Terrorist Organization", "an extremist group", "terrorist organisations". */
    private static final String AS_TERRORIST = "(?:as\\s+)?(?:(?:a|an)\\s+)?(?:[\\w-]+\\s+){0,2}?(?:terrorist|terror|extremist)";
    /** The object between a verb and its complement ("listed the Proud Boys as a terrorist entity"). */
    private static final String OBJECT = "(?:[^.;:?!]{0,70}?\\s)?";
    private static final Pattern DESIGNATE = Pattern.compile(
            "\\b(?:designat(?:e|ed|es|ing|ion)|proscri(?:be|bed|bes|bing|ption)|outlaw(?:ed|s|ing)?|blacklist(?:ed|s|ing)?|"
                    + "ban(?:ned|s|ning)?|list(?:ed|s|ing)?\\s+" + OBJECT + "as\\s+(?:(?:a|an)\\s+)?(?:[\\w-]+\\s+){0,2}?(?:terrorist|extremist)|"
                    + "list(?:ed|s|ing)?\\s+" + OBJECT + "under\\s+(?:the\\s+|its\\s+)?(?:\\p{Lu}[\\w()-]*\\s+){0,4}(?:Code|Act|Law)|"
                    + "recogni[sz](?:ed|e|es|ing)\\s+" + OBJECT + "as\\s+(?:(?:a|an)\\s+)?(?:[\\w-]+\\s+){0,2}?(?:terrorist|extremist)|"
                    + "(?:declar(?:ed|e|es|ing)|gazett(?:e|ed|es|ing)|classif(?:y|ied|ies|ying)|nam(?:e|ed|es|ing))\\s+" + OBJECT + AS_TERRORIST + "|"
                    + "(?:add(?:ed|s|ing)?|plac(?:e|ed|es|ing)|put(?:s|ting)?|includ(?:e|ed|es|ing))\\b[^.;]{0,60}?\\b(?:to|on|in|into)\\s+"
                    + "(?:its|the|their|a|\\p{Lu}[\\w.-]*(?:\\s+\\p{Lu}[\\w.-]*)?['\u2019]s)\\s+(?:[\\w-]+\\s+){0,3}"
                    + "(?:list|blacklist|register|registry))\\b",
            Pattern.CASE_INSENSITIVE);
    /** A listing kept in place: "decided to keep Hamas on its terrorist list", "remains on the EU list". */
    private static final Pattern KEPT_ON_LIST = Pattern.compile(
            "\\b(?:keep(?:s|ing)?|kept|retain(?:s|ed|ing)?|maintain(?:s|ed|ing)?|remain(?:s|ed|ing)?|stay(?:s|ed)?|been|is|are)\\b"
                    + "[^.;:?!]{0,60}?\\bon\\s+(?:its|the|their|a|\\p{Lu}[\\w.-]*(?:\\s+\\p{Lu}[\\w.-]*)?['\u2019]s)\\s+(?:[\\w-]+\\s+){0,3}(?:list|blacklist)s?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SANCTION = Pattern.compile(
            "\\b(?:sanction(?:s|ed|ing)?|asset\\s+freezes?|fr(?:oze|eeze|eezes|eezing|ozen)\\s+(?:the\\s+)?assets\\s+of)\\b",
            Pattern.CASE_INSENSITIVE);

    /** Auxiliaries and punctuation that make a participle describe a standing state. */
    private static final Pattern STATE_BEFORE = Pattern.compile(
            "(?:\\b(?:is|are|was|were|been|remains?|remained|still|already|which|who|that)\\s+(?:\\w+\\s+){0,2}|,\\s*)$",
            Pattern.CASE_INSENSITIVE);

    private Triggers() {}

    static List<Trigger> find(String s) {
        List<Trigger> out = new ArrayList<>();
        String l = s.toLowerCase(Locale.ROOT);
        if (!containsAny(l, TRIGGER_STEMS)) {
            return out;
        }
        boolean[] used = new boolean[s.length() + 1];
        boolean statusNoun = containsAny(l, STATUS_NOUN_STEMS);
        // a pattern is run only where its own words stand ("" has no match)
        addAll(out, used, s, NO_LONGER.matcher(l.contains("no longer") ? s : ""), Status.DELISTED, false);
        addAll(out, used, s, DELIST_VERB_NOUN.matcher(statusNoun ? s : ""), Status.DELISTED, false);
        addAll(out, used, s, DELIST_NOUN_VERB.matcher(statusNoun && containsAny(l, UNDONE_STEMS) ? s : ""),
                Status.DELISTED, false);
        addAll(out, used, s, DELIST_STRONG.matcher(containsAny(l, DELIST_STRONG_STEMS) ? s : ""), Status.DELISTED, false);
        boolean delisting = !out.isEmpty();
        Matcher m = DESIGNATE.matcher(s);
        while (m.find()) {
            String w = m.group().toLowerCase();
            // in a sentence about a delisting, the bare status nouns are its object, not a new listing
            if (delisting && (w.equals("ban") || w.equals("bans") || w.equals("designation") || w.equals("listing"))) {
                continue;
            }
            // "its list of banned organisations" names the list, it does not ban anyone
            if (LIST_OF_BEFORE.matcher(s.substring(Math.max(0, m.start() - 12), m.start())).find()) {
                continue;
            }
            add(out, used, s, m.start(), m.end(), Status.DESIGNATED, true);
        }
        // "added Boko Haram to its sanctions list" is a sanctions listing, whatever the verb
        for (int k = 0; k < out.size(); k++) {
            Trigger t = out.get(k);
            if (t.status() == Status.DESIGNATED && SANCTION.matcher(s.substring(t.start(), t.end())).find()) {
                out.set(k, new Trigger(Status.SANCTIONED, t.start(), t.end(), true));
            }
        }
        Matcher kept = KEPT_ON_LIST.matcher(l.contains("list") ? s : "");
        while (kept.find()) {
            int n = out.size();
            add(out, used, s, kept.start(), kept.end(), Status.DESIGNATED, true);
            if (out.size() > n) {
                out.set(n, new Trigger(Status.DESIGNATED, kept.start(), kept.end(), true)); // kept is a standing state
            }
        }
        addAll(out, used, s, SANCTION.matcher(l.contains("sanction") || l.contains("asset") ? s : ""), Status.SANCTIONED, true);
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    private static void addAll(List<Trigger> out, boolean[] used, String s, Matcher m, Status st, boolean mayBeState) {
        while (m.find()) {
            add(out, used, s, m.start(), m.end(), st, mayBeState);
        }
    }

    private static void add(List<Trigger> out, boolean[] used, String s, int start, int end, Status st, boolean mayBeState) {
        for (int k = start; k < end; k++) {
            if (used[k]) {
                return;
            }
        }
        for (int k = start; k < end; k++) {
            used[k] = true;
        }
        String word = s.substring(start, end).split("[\\s\\p{Punct}]", 2)[0];
        String before = s.substring(Math.max(0, start - 40), start);
        // "is considering adding", "voted to ban": a gerund or an infinitive is an act, not a standing state
        boolean verbForm = word.toLowerCase().endsWith("ing") || TO_BEFORE.matcher(before).find();
        boolean state = mayBeState && (st == Status.SANCTIONED
                || !verbForm && (STATE_BEFORE.matcher(before).find() || LABEL_BEFORE.matcher(before).find()
                || insideParentheses(s, start) || isNoun(s.substring(start, end)) && !headlineVerb(s, end)));
        out.add(new Trigger(st, start, end, state));
    }

    private static final Pattern LIST_OF_BEFORE = Pattern.compile("\\blists?\\s+of\\s+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern OBJECT_AFTER = Pattern.compile("^\\s+(?:the\\s+|a\\s+|\\p{Lu})");
    /**
     * One of these stands, in any case, in every match of every trigger pattern above (a status noun,
     * a listing or delisting verb's stem, a category word): a sentence with none of them holds no trigger.
     */
    private static final List<String> TRIGGER_STEMS = List.of("ban", "designat", "status", "list", "proscri", "label",
            "restrictions", "sanction", "terror", "extremist", "overturn", "rescind", "revo", "repeal", "outlaw", "regist",
            "asset");

    /** Every form of {@link #STATUS_NOUN} holds one of these. */
    private static final List<String> STATUS_NOUN_STEMS = List.of("ban", "designation", "status", "list", "proscription",
            "label", "restrictions", "sanctions", "terrorist");
    /** Every participle of {@link #DELIST_NOUN_VERB} holds one of these. */
    private static final List<String> UNDONE_STEMS = List.of("lifted", "removed", "suspended", "ended", "dropped",
            "scrapped", "cancel", "annulled", "quashed", "revoked", "rescinded", "overturned");
    /** Every verb of {@link #DELIST_STRONG} holds one of these. */
    private static final List<String> DELIST_STRONG_STEMS = List.of("list", "proscri", "unban", "overturn", "rescind",
            "revok", "revocation", "repeal");

    /** Whether a lower-cased sentence holds one of the stems (the patterns fold case for ASCII only, as this does). */
    private static boolean containsAny(String lower, List<String> stems) {
        for (String stem : stems) {
            if (lower.contains(stem)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern TO_BEFORE = Pattern.compile("\\bto\\s+$", Pattern.CASE_INSENSITIVE);
    /** A reduced relative after a noun: "a terrorist organisation banned in Russia". */
    private static final Pattern LABEL_BEFORE = Pattern.compile(
            "\\b(?:organi[sz]ations?|groups?|movements?|networks?|entit(?:y|ies)|part(?:y|ies)|outfits?)\\s+$",
            Pattern.CASE_INSENSITIVE);

    /** "Militants of X (a terrorist organisation banned in Russia)": a parenthetical label states a standing status. */
    static boolean insideParentheses(String s, int pos) {
        int open = s.lastIndexOf('(', pos);
        return open >= 0 && s.lastIndexOf(')', pos) < open;
    }

    /** "Britain bans Hizb ut-Tahrir": "bans" before its object is the verb, "bans on" the noun. */
    private static boolean headlineVerb(String s, int end) {
        int k = end;
        while (k > 0 && Character.isLetter(s.charAt(k - 1))) {
            k--;
        }
        return s.substring(k, end).equalsIgnoreCase("bans")
                && OBJECT_AFTER.matcher(s.substring(end)).find();
    }

    private static boolean isNoun(String w) {
        String l = w.toLowerCase();
        return l.equals("ban") || l.equals("bans") || l.equals("designation") || l.equals("proscription");
    }
}
