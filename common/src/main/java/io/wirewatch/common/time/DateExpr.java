package io.wirewatch.common.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * A date as a sentence states it, kept unresolved so that it can be resolved later against an
 * anchor: the article's publish date, or, when the article has none, its story's date.
 *
 * <ul>
 *   <li>{@code ABSOLUTE}: year given, month and day when the text gives them ("in 2024", "April 17, 2025")</li>
 *   <li>{@code MONTH_DAY}: month (and day) without a year ("on April 17"); {@code future} picks the
 *       next such date rather than the last one</li>
 *   <li>{@code WEEKDAY}: "on Thursday", {@code value} = ISO day of week</li>
 *   <li>{@code DAYS}: "yesterday" (-1), "today" (0); {@code value} = offset in days</li>
 *   <li>{@code YEARS}: "last year" (-1), "this year" (0); {@code value} = offset in years</li>
 *   <li>{@code ANCHOR}: no date in the sentence; the event is the article's news, dated by the anchor</li>
 *   <li>{@code UNKNOWN}: no date can be known ("have already removed")</li>
 * </ul>
 */
public record DateExpr(Kind kind, Integer year, Integer month, Integer day, Integer value, boolean future) {

    public enum Kind { ABSOLUTE, MONTH_DAY, WEEKDAY, DAYS, YEARS, ANCHOR, UNKNOWN }

    public static final DateExpr UNKNOWN = new DateExpr(Kind.UNKNOWN, null, null, null, null, false);
    public static final DateExpr ANCHOR = new DateExpr(Kind.ANCHOR, null, null, null, null, false);

    public static DateExpr absolute(int year, Integer month, Integer day) {
        return new DateExpr(Kind.ABSOLUTE, year, month, day, null, false);
    }

    public static DateExpr monthDay(int month, Integer day, boolean future) {
        return new DateExpr(Kind.MONTH_DAY, null, month, day, null, future);
    }

    public static DateExpr weekday(int isoDay, boolean future) {
        return new DateExpr(Kind.WEEKDAY, null, null, null, isoDay, future);
    }

    public static DateExpr days(int offset) {
        return new DateExpr(Kind.DAYS, null, null, null, offset, false);
    }

    public static DateExpr years(int offset) {
        return new DateExpr(Kind.YEARS, null, null, null, offset, false);
    }

    /** True when the expression needs an anchor date to become a date. */
    public boolean needsAnchor() {
        return kind != Kind.ABSOLUTE && kind != Kind.UNKNOWN;
    }

    /**
     * Resolves to an ISO 8601 date string as precise as the text and anchor allow, or {@code null}.
     *
     * @param anchor      the reference date, or null when none is known
     * @param anchorExact true when the anchor is the article's own publish date; false when it is
     *                    borrowed from the story, in which case only its year is trusted for
     *                    expressions that do not name a month
     */
    public String resolve(LocalDate anchor, boolean anchorExact) {
        switch (kind) {
            case ABSOLUTE:
                return IsoDates.format(year, month, day);
            case UNKNOWN:
                return null;
            default:
                break;
        }
        if (anchor == null) {
            return null;
        }
        switch (kind) {
            case MONTH_DAY: {
                int y = anchor.getYear();
                int d = day == null ? 1 : day;
                LocalDate candidate = safeDate(y, month, d);
                if (!future && candidate.isAfter(anchor)) {
                    y--;
                } else if (future && candidate.isBefore(anchor)) {
                    y++;
                }
                return IsoDates.format(y, month, day);
            }
            case WEEKDAY: {
                if (!anchorExact) {
                    return Integer.toString(anchor.getYear());
                }
                DayOfWeek dow = DayOfWeek.of(value);
                LocalDate d = future ? anchor.with(TemporalAdjusters.nextOrSame(dow))
                        : anchor.with(TemporalAdjusters.previousOrSame(dow));
                return d.toString();
            }
            case DAYS:
                return anchorExact ? anchor.plusDays(value).toString() : Integer.toString(anchor.getYear());
            case YEARS:
                return Integer.toString(anchor.getYear() + value);
            case ANCHOR:
                return anchorExact ? anchor.toString() : Integer.toString(anchor.getYear());
            default:
                return null;
        }
    }

    private static LocalDate safeDate(int y, int m, int d) {
        LocalDate first = LocalDate.of(y, m, 1);
        return first.withDayOfMonth(Math.min(d, first.lengthOfMonth()));
    }
}
