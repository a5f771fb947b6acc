package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;

/**
 * The durations ({@code 50ms}, {@code 29s}, {@code 10m}) and sizes ({@code 32KB}, {@code 1MiB}) of configuration
 * files, which {@link ConfigNode} reads for every limit and timeout.
 *
 * <ul>
 *   <li>Any text parses or is refused with {@link IllegalArgumentException} and a message for the user, as
 *   documented: not an {@link ArithmeticException} for a size too large for a {@code long}.</li>
 *   <li>A whole number and a unit, spaces between or around them, parse to that many units; sizes take their unit
 *   in any case; a formatted duration parses back to itself.</li>
 * </ul>
 */
class UnitsProperties {

    @Property(tries = 1000)
    void anyTextIsADurationOrIsRefusedWithAMessage(@ForAll("unitText") String text) {
        try {
            Units.parseDuration(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains(text);
        }
    }

    @Property(tries = 1000)
    void anyTextIsASizeOrIsRefusedWithAMessage(@ForAll("unitText") String text) {
        try {
            assertThat(Units.parseSize(text)).isNotNegative();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains(text);
        }
    }

    @Property(tries = 300)
    void durationsAreThatManyUnits(@ForAll @LongRange(max = 999_999_999_999L) long n,
                                   @ForAll("durationUnits") String unit, @ForAll("spaces") String before,
                                   @ForAll("spaces") String between) {
        Duration expected = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        assertThat(Units.parseDuration(before + n + between + unit + before)).isEqualTo(expected);
        if (expected.compareTo(Duration.ofDays(365L * 1000)) < 0) {
            assertThat(Units.parseDuration(Units.format(expected))).isEqualTo(expected);
        }
    }

    @Property(tries = 300)
    void sizesAreThatManyBytes(@ForAll @LongRange(max = 999_999_999_999_999L) long n,
                               @ForAll("sizeUnits") String unit, @ForAll("spaces") String between) {
        long factor = switch (unit.toLowerCase(Locale.ROOT)) {
            case "kb", "kib" -> 1L << 10;
            case "mb", "mib" -> 1L << 20;
            case "gb", "gib" -> 1L << 30;
            default -> 1;
        };
        BigInteger bytes = BigInteger.valueOf(n).multiply(BigInteger.valueOf(factor));
        String text = n + between + unit;
        if (bytes.bitLength() < Long.SIZE) {
            assertThat(Units.parseSize(text)).isEqualTo(bytes.longValueExact());
        } else {
            assertThat(catchThrowable(() -> Units.parseSize(text)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text);
        }
    }

    @Provide
    Arbitrary<String> durationUnits() {
        return Arbitraries.of("ms", "s", "m", "h", "d");
    }

    @Provide
    Arbitrary<String> sizeUnits() {
        return Arbitraries.of("", "b", "B", "kb", "KB", "KiB", "kib", "mb", "MB", "MiB", "gb", "GB", "GiB");
    }

    @Provide
    Arbitrary<String> spaces() {
        return Arbitraries.of("", "", " ", "  ", "\t");
    }

    /** Numbers (long, signed, fractional, other scripts' digits), units (real, misspelt, exotic) and spaces. */
    @Provide
    Arbitrary<String> unitText() {
        Arbitrary<String> number = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20)),
                Tuple.of(1, Arbitraries.of("-1", "+1", "1.5", "1e3", "0x10", "\u0661\u0662", "\uff11", "", " ")));
        Arbitrary<String> unit = Arbitraries.of("ms", "s", "m", "h", "d", "b", "kb", "KiB", "MB", "mib", "GB", "GiB",
                "", "parsecs", "sec", "min", "S", "\u00b5s", "\uff4d\uff53", "k", "tb", "kbb", "s ", "5s");
        return Combinators.combine(Arbitraries.of("", " ", "\t"), number, Arbitraries.of("", " ", "\n"), unit)
                .as((a, n, b, u) -> a + n + b + u);
    }
}
