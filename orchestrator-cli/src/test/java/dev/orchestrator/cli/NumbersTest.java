package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void countsAndSecondsReadTheSameWhateverTheMachinesLocale() {
        Locale before = Locale.getDefault();
        try {
            for (Locale locale : new Locale[] {Locale.GERMANY, Locale.FRANCE, Locale.US, new Locale("hi", "IN")}) {
                Locale.setDefault(locale);
                assertThat(Numbers.count(1_234_567)).as(locale.toString()).isEqualTo("1,234,567");
                assertThat(Numbers.count(12)).isEqualTo("12");
                assertThat(Numbers.seconds(2.46)).as(locale.toString()).isEqualTo("2.5 s");
                assertThat(Numbers.seconds(1_500_000_000L)).isEqualTo("1.5 s");
            }
        } finally {
            Locale.setDefault(before);
        }
    }
}
