package io.wirewatch.enrich.claims;

import io.wirewatch.common.model.Status;

import java.util.ArrayList;
import java.util.List;
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
                    + "exclud(?:e|ed|es|ing)|annul(?:led|s|ling)?)\\b" + GAP + "\\b" + STATUS_NOUN + "\\b",
            Pattern.CASE_INSENSITIVE);
    /** The passive order: "the ban was lifted", "the designation removed". */
    private static final Pattern DELIST_NOUN_VERB = Pattern.compile(
            "\\b" + STATUS_NOUN + "\\b(?:[^.;:?!]{0,40}?)\\b(?:be|been|being|was|were|is|are|had|has|have)?\\s*"
                    + "(?:lifted|removed|suspended|ended|dropped|scrapped|cancell?ed|annulled)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NO_LONGER = Pattern.compile(
            "\\bno longer\\s+(?:be\\s+)?(?:designated|banned|listed|proscribed|outlawed|considered\\s+(?:a|an)\\s+(?:terrorist|extremist))",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern DESIGNATE = Pattern.compile(
            "\\b(?:designat(?:e|ed|es|ing|ion)|proscri(?:be|bed|bes|bing|ption)|outlaw(?:ed|s|ing)?|blacklist(?:ed|s|ing)?|"
                    + "ban(?:ned|s|ning)?|list(?:ed|s|ing)?\\s+(?:it\\s+|them\\s+)?as\\s+(?:a|an)\\s+(?:terrorist|extremist)|"
                    + "recogni[sz](?:ed|e|es|ing)\\s+(?:it\\s+|them\\s+)?as\\s+(?:a|an)\\s+(?:terrorist|extremist)|"
                    + "declar(?:ed|e|es|ing)\\s+(?:it\\s+|them\\s+)?(?:a|an)\\s+(?:terrorist|extremist)|"
                    + "add(?:ed|s|ing)?\\b[^.;]{0,60}?\\bto\\s+(?:its|the|their|a)\\s+(?:\\w+\\s+){0,3}list)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SANCTION = Pattern.compile(
            "\\b(?:sanction(?:s|ed|ing)?|asset\\s+freezes?)\\b", Pattern.CASE_INSENSITIVE);

    /** Auxiliaries and punctuation that make a participle describe a standing state. */
    private static final Pattern STATE_BEFORE = Pattern.compile(
            "(?:\\b(?:is|are|was|were|been|remains?|remained|still|already|which|who|that)\\s+(?:\\w+\\s+){0,2}|,\\s*)$",
            Pattern.CASE_INSENSITIVE);

    private Triggers() {}

    static List<Trigger> find(String s) {
        List<Trigger> out = new ArrayList<>();
        boolean[] used = new boolean[s.length() + 1];
        addAll(out, used, s, NO_LONGER.matcher(s), Status.DELISTED, false);
        addAll(out, used, s, DELIST_VERB_NOUN.matcher(s), Status.DELISTED, false);
        addAll(out, used, s, DELIST_NOUN_VERB.matcher(s), Status.DELISTED, false);
        addAll(out, used, s, DELIST_STRONG.matcher(s), Status.DELISTED, false);
        boolean delisting = !out.isEmpty();
        Matcher m = DESIGNATE.matcher(s);
        while (m.find()) {
            String w = m.group().toLowerCase();
            // in a sentence about a delisting, the bare status nouns are its object, not a new listing
            if (delisting && (w.equals("ban") || w.equals("bans") || w.equals("designation") || w.equals("listing"))) {
                continue;
            }
            // "its list of banned organisations" names the list, it does not ban anyone
            if (Pattern.compile("\\blists?\\s+of\\s+$", Pattern.CASE_INSENSITIVE)
                    .matcher(s.substring(Math.max(0, m.start() - 12), m.start())).find()) {
                continue;
            }
            add(out, used, s, m.start(), m.end(), Status.DESIGNATED, true);
        }
        addAll(out, used, s, SANCTION.matcher(s), Status.SANCTIONED, true);
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
        boolean state = mayBeState && (st == Status.SANCTIONED
                || STATE_BEFORE.matcher(s.substring(Math.max(0, start - 40), start)).find()
                || isNoun(s.substring(start, end)));
        out.add(new Trigger(st, start, end, state));
    }

    private static boolean isNoun(String w) {
        String l = w.toLowerCase();
        return l.equals("ban") || l.equals("bans") || l.equals("designation") || l.equals("proscription");
    }
}
