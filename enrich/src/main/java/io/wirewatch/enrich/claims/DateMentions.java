package io.wirewatch.enrich.claims;

import io.wirewatch.common.time.DateExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds date expressions in a sentence ("on April 17", "in 2024", "since 2003", "last October", "on Thursday"). */
public final class DateMentions {

    /** A date expression and its span in the sentence. */
    public record Found(DateExpr expr, int start, int end, boolean since) {}

    private static final String MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
            + "|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?";
    private static final Map<String, Integer> MONTH_NUMBERS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
            Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10),
            Map.entry("nov", 11), Map.entry("dec", 12));
    private static final String WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

    private static final Pattern ISO = Pattern.compile("\\b((?:19|20)\\d\\d)-(\\d\\d)-(\\d\\d)\\b");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "\\b(" + MONTHS + ")\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,\\s*|\\s+)((?:19|20)\\d\\d)\\b");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(" + MONTHS + ")(?:,?\\s+((?:19|20)\\d\\d))?\\b");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "\\b(" + MONTHS + ")\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s*,?\\s*(?:19|20)\\d\\d)(?!\\d)");
    private static final Pattern MONTH_YEAR = Pattern.compile("\\b(" + MONTHS + ")(?:\\s+of)?\\s+((?:19|20)\\d\\d)\\b");
    private static final Pattern LAST_MONTH = Pattern.compile("\\b(last|this|next)\\s+(" + MONTHS + ")\\b", Pattern.CASE_INSENSITIVE);
    // "the Terrorism Act 2000", "Resolution 2023" name a law, not a date
    private static final Pattern YEAR = Pattern.compile("(?<!\\bAct\\s)(?<!\\bAct,\\s)(?<!\\b[Rr]esolution\\s)\\b((?:19|20)\\d\\d)\\b(?!\\s*(?:%|percent|people|members|troops|km|kilomet))");
    /** "in January", "since March": a month without a day or year, resolved like "last October". */
    private static final Pattern IN_MONTH = Pattern.compile(
            "\\b(?:[Ii]n|[Ss]ince|[Bb]y|[Ff]rom|[Uu]ntil|[Ee]arly|[Ll]ate|[Mm]id-?)\\s+(" + MONTHS + ")\\b(?!\\s*\\d)");
    /** "seven months later": relative to another event, so its date cannot be known here. */
    private static final Pattern RELATIVE_TO_EVENT = Pattern.compile(
            "\\b(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\\s+few)\\s+"
                    + "(?:days?|weeks?|months?|years?|decades?)\\s+(?:later|afterwards|after\\s+that|earlier)\\b",
            Pattern.CASE_INSENSITIVE);
    /** "two weeks ago", "3 days ago". */
    private static final Pattern UNITS_AGO = Pattern.compile(
            "\\b(\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\\s+(days?|weeks?)\\s+ago\\b", Pattern.CASE_INSENSITIVE);
    private static final List<String> SMALL_NUMBERS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten");
    private static final Pattern WEEKDAY = Pattern.compile("\\b(?:[Oo]n|[Ll]ast|[Tt]his|[Nn]ext)\\s+(" + WEEKDAYS + ")\\b");
    private static final Pattern RELATIVE = Pattern.compile(
            "\\b(yesterday|today|last year|this year|next year|a year ago|earlier this year|last week|this week)\\b",
            Pattern.CASE_INSENSITIVE);

    private DateMentions() {}

    /**
     * @param future whether the sentence speaks of a scheduled or planned event, so that a date
     *               without a year is the next such date rather than the last one
     */
    public static List<Found> find(String s, boolean future) {
        List<Found> out = new ArrayList<>();
        boolean[] used = new boolean[s.length() + 1];
        // cheap necessary conditions of the patterns, so that most sentences skip most of them
        String lower = s.toLowerCase(Locale.ROOT);
        boolean digit = hasAsciiDigit(s);
        boolean month = hasMonth(lower);
        boolean century = s.contains("19") || s.contains("20"); // every year the patterns read is 19xx or 20xx
        Matcher m = ISO.matcher(century ? s : "");
        while (m.find()) {
            add(out, used, s, m, DateExpr.absolute(i(m.group(1)), i(m.group(2)), i(m.group(3))));
        }
        m = MONTH_DAY_YEAR.matcher(century && month ? s : "");
        while (m.find()) {
            add(out, used, s, m, DateExpr.absolute(i(m.group(3)), month(m.group(1)), i(m.group(2))));
        }
        m = DAY_MONTH_YEAR.matcher(digit && month ? s : "");
        while (m.find()) {
            int day = i(m.group(1));
            if (day < 1 || day > 31) {
                continue;
            }
            add(out, used, s, m, m.group(3) != null ? DateExpr.absolute(i(m.group(3)), month(m.group(2)), day)
                    : DateExpr.monthDay(month(m.group(2)), day, future));
        }
        m = MONTH_YEAR.matcher(century && month ? s : "");
        while (m.find()) {
            add(out, used, s, m, DateExpr.absolute(i(m.group(2)), month(m.group(1)), null));
        }
        m = MONTH_DAY.matcher(digit && month ? s : "");
        while (m.find()) {
            int day = i(m.group(2));
            if (day >= 1 && day <= 31) {
                add(out, used, s, m, DateExpr.monthDay(month(m.group(1)), day, future));
            }
        }
        m = UNITS_AGO.matcher(lower.contains("ago") ? s : "");
        while (m.find()) {
            String n = m.group(1).toLowerCase(Locale.ROOT);
            int count = n.matches("\\d+") ? i(n) : n.startsWith("a") ? 1 : SMALL_NUMBERS.indexOf(n);
            add(out, used, s, m, DateExpr.days(-count * (m.group(2).toLowerCase(Locale.ROOT).startsWith("week") ? 7 : 1)));
        }
        m = RELATIVE_TO_EVENT.matcher(lower.contains("later") || lower.contains("after") || lower.contains("earlier") ? s : "");
        while (m.find()) {
            add(out, used, s, m, DateExpr.UNKNOWN);
        }
        m = LAST_MONTH.matcher(month ? s : "");
        while (m.find()) {
            String rel = m.group(1).toLowerCase(Locale.ROOT);
            add(out, used, s, m, DateExpr.monthDay(month(m.group(2)), null, rel.equals("next")));
        }
        m = IN_MONTH.matcher(month ? s : "");
        while (m.find()) {
            add(out, used, s, m.start(1), m.end(1), DateExpr.monthDay(month(m.group(1)), null, future));
        }
        m = WEEKDAY.matcher(s.contains("day") ? s : "");
        while (m.find()) {
            int dow = java.time.DayOfWeek.valueOf(m.group(1).toUpperCase(Locale.ROOT)).getValue();
            add(out, used, s, m, DateExpr.weekday(dow, future || m.group().toLowerCase(Locale.ROOT).startsWith("next")));
        }
        m = RELATIVE.matcher(lower.contains("day") || lower.contains("year") || lower.contains("week") ? s : "");
        while (m.find()) {
            String r = m.group(1).toLowerCase(Locale.ROOT);
            DateExpr e = switch (r) {
                case "yesterday" -> DateExpr.days(-1);
                case "today" -> DateExpr.days(0);
                case "last year", "a year ago" -> DateExpr.years(-1);
                case "next year" -> DateExpr.years(1);
                case "last week", "this week" -> DateExpr.ANCHOR;
                default -> DateExpr.years(0);
            };
            add(out, used, s, m, e);
        }
        m = YEAR.matcher(century ? s : "");
        while (m.find()) {
            add(out, used, s, m, DateExpr.absolute(i(m.group(1)), null, null));
        }
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    private static boolean hasAsciiDigit(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Whether a lower-cased sentence holds the first three letters of a month, as every form in {@link #MONTHS} does. */
    private static boolean hasMonth(String lower) {
        for (String prefix : MONTH_NUMBERS.keySet()) {
            if (lower.contains(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<Found> out, boolean[] used, String s, Matcher m, DateExpr e) {
        add(out, used, s, m.start(), m.end(), e);
    }

    private static void add(List<Found> out, boolean[] used, String s, int start, int end, DateExpr e) {
        for (int k = start; k < end; k++) {
            if (used[k]) {
                return;
            }
        }
        for (int k = start; k < end; k++) {
            used[k] = true;
        }
        String before = s.substring(Math.max(0, start - 8), start).toLowerCase(Locale.ROOT);
        out.add(new Found(e, start, end, before.endsWith("since ")));
    }

    private static int i(String s) {
        return Integer.parseInt(s);
    }

    private static int month(String name) {
        return MONTH_NUMBERS.get(name.substring(0, 3).toLowerCase(Locale.ROOT));
    }
}
