package io.wirewatch.common.time;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class DateExprTest {

    private static final LocalDate PUBLISHED = LocalDate.of(2025, 4, 21);

    @Test
    void monthDayWithoutYearTakesTheLastSuchDateBeforeThePublishDate() {
        assertThat(DateExpr.monthDay(4, 17, false).resolve(PUBLISHED, true)).isEqualTo("2025-04-17");
        assertThat(DateExpr.monthDay(5, 2, false).resolve(PUBLISHED, true)).isEqualTo("2024-05-02");
        assertThat(DateExpr.monthDay(5, 2, true).resolve(PUBLISHED, true)).isEqualTo("2025-05-02");
    }

    @Test
    void anchorBorrowedFromTheStoryKeepsOnlyItsYear() {
        assertThat(DateExpr.ANCHOR.resolve(PUBLISHED, false)).isEqualTo("2025");
        assertThat(DateExpr.ANCHOR.resolve(PUBLISHED, true)).isEqualTo("2025-04-21");
        assertThat(DateExpr.ANCHOR.resolve(null, true)).isNull();
    }

    @Test
    void weekdaysAndRelativeYears() {
        assertThat(DateExpr.weekday(4, false).resolve(PUBLISHED, true)).isEqualTo("2025-04-17");
        assertThat(DateExpr.years(-1).resolve(PUBLISHED, true)).isEqualTo("2024");
        assertThat(DateExpr.absolute(2003, null, null).resolve(null, false)).isEqualTo("2003");
    }

    @Test
    void coarseDatesSortBeforeTheFinerDatesTheyContain() {
        assertThat(IsoDates.compare("2025", "2025-04-17")).isNegative();
        assertThat(IsoDates.compatible("2025", "2025-04-17")).isTrue();
        assertThat(IsoDates.compatible("2024", "2025-04-17")).isFalse();
        assertThat(IsoDates.finer("2025", "2025-04-17")).isEqualTo("2025-04-17");
    }
}
