package io.tandem.infra.audit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    @Test
    void aLineShowsThePhaseTheBarDoneOfTotalAndTheRate() {
        assertThat(ProgressBar.line("checking chain", 250, 1000, 500_000_000L))
                .isEqualTo("checking chain [######                  ] 250/1000 25% 500/s");
        assertThat(ProgressBar.line("replaying", 42, 0, 1_000_000_000L)).isEqualTo("replaying 42 42/s");
    }

    @Test
    void redrawsInPlaceAtMostTenTimesASecondAndAlwaysAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);
        bar.phase("replaying", 100);
        for (int done = 1; done <= 100; done++) {
            now.addAndGet(10_000_000L);
            bar.done(done);
        }
        bar.end();
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        long redraws = drawn.chars().filter(c -> c == '\r').count();
        // one at the phase's start, one per 100 ms over one second, one for 100/100
        assertThat(redraws).isBetween(10L, 12L);
        assertThat(drawn).contains("100/100 100%").endsWith(System.lineSeparator());
    }
}
