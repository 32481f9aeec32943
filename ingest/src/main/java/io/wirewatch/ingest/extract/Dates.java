package io.wirewatch.ingest.extract;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Normalises the date strings pages carry into ISO 8601, keeping the precision and offset they give. */
public final class Dates {

    private static final Pattern ISO_LIKE = Pattern.compile(
            "^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?\\s*"
                    + "(Z|[+-]\\d{2}(?::?\\d{2})?)?)?");
    /** What every RFC 1123 date starts with ("Tue, 3 Jun 2008 11:05"); cheaper to test than to fail a parse. */
    private static final Pattern RFC_1123_HEAD = Pattern.compile("(?:[A-Za-z]{3}, )?\\d{1,2} [A-Za-z]{3} \\d{4} \\d{2}:\\d{2}");
    private static final Pattern YEAR_MONTH = Pattern.compile("^(\\d{4})-(\\d{2})$");
    private static final Pattern URL_DATE = Pattern.compile(
            "/((?:19|20)\\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\\d|3[01])(?:/|-|$)");

    private static final String MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
            + "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    /** "April 21, 2025" and "21 April 2025", in a dateline at the head of the text. */
    private static final Pattern DATELINE_MDY = Pattern.compile("(?i)\\b" + MONTH + "\\s+(\\d{1,2}),?\\s+((?:19|20)\\d{2})\\b");
    private static final Pattern DATELINE_DMY = Pattern.compile("(?i)\\b(\\d{1,2})\\s+" + MONTH + ",?\\s+((?:19|20)\\d{2})\\b");
    /** A dateline sits before the first sentence; a date further in is about the story, not the article. */
    private static final int DATELINE_CHARS = 120;

    private Dates() {}

    /** The date of a dateline such as "MOSCOW, April 21, 2025 (Agency) -" at the head of the text, or null. */
    public static String fromDateline(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String head = text.substring(0, Math.min(text.length(), DATELINE_CHARS));
        int sentence = head.indexOf(". ");
        if (sentence > 0) {
            head = head.substring(0, sentence);
        }
        Matcher m = DATELINE_MDY.matcher(head);
        if (m.find()) {
            return date(m.group(3), m.group(1), m.group(2));
        }
        m = DATELINE_DMY.matcher(head);
        if (m.find()) {
            return date(m.group(3), m.group(2), m.group(1));
        }
        return null;
    }

    private static String date(String year, String month, String day) {
        String mm = month.toLowerCase(java.util.Locale.ROOT).substring(0, 3);
        int mo = "janfebmaraprmayjunjulaugsepoctnovdec".indexOf(mm) / 3 + 1;
        try {
            return LocalDate.of(Integer.parseInt(year), mo, Integer.parseInt(day)).toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** ISO 8601 of a date string in any common machine format, or null when it is not one. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim();
        if (s.isEmpty()) {
            return null;
        }
        Matcher m = ISO_LIKE.matcher(s);
        if (m.find()) {
            try {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                if (m.group(4) == null) {
                    return d.toString();
                }
                // built from fields, not formatted and parsed again: this runs for every page
                LocalDateTime ldt = LocalDateTime.of(d, LocalTime.of(Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                        nanos(m.group(7))));
                String off = m.group(8);
                if (off == null) {
                    return isoLocal(ldt);
                }
                if (!off.equals("Z")) {
                    off = off.length() == 3 ? off + ":00" : off.length() == 5
                            ? off.substring(0, 3) + ":" + off.substring(3) : off;
                }
                return isoLocal(ldt) + ZoneOffset.of(off).getId();
            } catch (RuntimeException e) {
                return null;
            }
        }
        if (YEAR_MONTH.matcher(s).matches()) {
            return s;
        }
        if (!RFC_1123_HEAD.matcher(s).lookingAt()) {
            return null; // not worth a parse attempt (and its exception)
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * As {@link DateTimeFormatter#ISO_LOCAL_DATE_TIME}: seconds always, the fraction without trailing
     * zeros (the formatter is slow next to the rest of this class).
     */
    private static String isoLocal(LocalDateTime t) {
        StringBuilder b = new StringBuilder(29).append(t.toLocalDate()).append('T');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond());
        int nano = t.getNano();
        if (nano > 0) {
            String f = Integer.toString(1_000_000_000 + nano).substring(1);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(f, 0, end);
        }
        return b.toString();
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** Nanoseconds of a fraction of a second given by up to nine digits ("5" is half a second). */
    private static int nanos(String digits) {
        if (digits == null) {
            return 0;
        }
        int n = Integer.parseInt(digits);
        for (int i = digits.length(); i < 9; i++) {
            n *= 10;
        }
        return n;
    }

    /** The date in a URL path such as {@code /2025/04/21/}, or null. */
    public static String fromUrlPath(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = URL_DATE.matcher(url);
        if (!m.find()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))).toString();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
