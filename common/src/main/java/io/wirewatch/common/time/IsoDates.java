package io.wirewatch.common.time;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * ISO 8601 dates of varying precision ("2003", "2025-04", "2025-04-17") as the status tables use
 * them, and their ordering: a coarser date sorts before the finer dates it contains.
 */
public final class IsoDates {

    private IsoDates() {}

    public static String format(Integer year, Integer month, Integer day) {
        if (year == null) {
            return null;
        }
        if (month == null) {
            return String.format("%04d", year);
        }
        if (day == null) {
            return String.format("%04d-%02d", year, month);
        }
        return String.format("%04d-%02d-%02d", year, month, day);
    }

    /** The calendar date of an ISO date or date-time string (its local date part), or null. */
    public static LocalDate toLocalDate(String iso) {
        if (iso == null || iso.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(iso.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Epoch millis of an ISO date or date-time string (midnight UTC for a bare date), or -1. */
    public static long toEpochMillis(String iso) {
        if (iso == null || iso.isBlank()) {
            return -1;
        }
        try {
            if (iso.length() > 10) {
                return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            }
        } catch (DateTimeParseException e) {
            // fall through to the date part
        }
        LocalDate d = toLocalDate(iso);
        return d == null ? -1 : d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Orders partial dates: nulls last, then by year, month, day, where a missing part sorts first. */
    public static int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a.compareTo(b); // "2025" < "2025-04" < "2025-04-17" < "2025-05" holds lexically
    }

    /** True when one date contains the other ("2025" contains "2025-04-17") or they are equal. */
    public static boolean compatible(String a, String b) {
        if (a == null || b == null) {
            return true;
        }
        return a.startsWith(b) || b.startsWith(a);
    }

    /** The more precise of two compatible dates. */
    public static String finer(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.length() >= b.length() ? a : b;
    }
}
