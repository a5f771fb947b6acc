package io.switchboard.throttle;

import io.switchboard.config.UsagePlanConfig;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/** Where quota periods start: midnight UTC of the day, the Monday of the week, the first of the month. */
final class QuotaPeriods {

    private QuotaPeriods() {
    }

    static long start(UsagePlanConfig.Period period, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = switch (period) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
        return first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
