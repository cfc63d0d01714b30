package io.tandem.saga.copy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Engine calls run in parallel, answer in call order, and a failure is rethrown only once every call has finished. */
class EngineCallsTest {

    private final EngineCalls calls = new EngineCalls(2);

    @AfterEach
    void close() {
        calls.close();
    }

    @Test
    void resultsComeBackInCallOrderFromCallsThatRanAtTheSameTime() {
        CountDownLatch both = new CountDownLatch(2);
        Callable<String> first = () -> {
            both.countDown();
            return both.await(10, TimeUnit.SECONDS) ? "first" : "alone";
        };
        Callable<String> second = () -> {
            both.countDown();
            return both.await(10, TimeUnit.SECONDS) ? "second" : "alone";
        };

        assertThat(calls.runAll(List.of(first, second))).containsExactly("first", "second");
    }

    @Test
    void theFirstFailureIsRethrownAfterTheOtherCallsFinishedWithTheLaterOnesSuppressed() {
        CountDownLatch failed = new CountDownLatch(1);
        AtomicBoolean slowFinished = new AtomicBoolean();
        Callable<String> failing = () -> {
            failed.countDown();
            throw new IllegalStateException("first failure");
        };
        Callable<String> slow = () -> {
            failed.await(10, TimeUnit.SECONDS);
            slowFinished.set(true);
            return "slow";
        };
        Callable<String> alsoFailing = () -> {
            throw new IllegalArgumentException("second failure");
        };

        assertThatThrownBy(() -> calls.runAll(List.of(failing, slow, alsoFailing)))
                .isInstanceOf(IllegalStateException.class).hasMessage("first failure")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("second failure"));
        assertThat(slowFinished).isTrue();
    }

    @Test
    void noCallsAnswerNothing() {
        assertThat(calls.runAll(List.<Callable<String>>of())).isEmpty();
    }
}
