package io.tandem.command.profile;

import io.tandem.command.profile.ProfileEntry.ProfileRequest;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users claiming one free handle at the same moment (in different letter cases): both pass the
 * check, the handle table's key lets exactly one insert through, and the others run again and are
 * refused with HANDLE_TAKEN.
 */
@SocialEntrySpringTest
class ProfileEntryConcurrencyTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final int CLAIMANTS = 4;

    @Autowired
    private ProfileEntry profiles;
    @Autowired
    private TraderDirectory directory;

    private record Outcome(UserId user, ErrorCode refusal) {
    }

    @RepeatedTest(3)
    void exactlyOneOfSimultaneousClaimsOfAFreeHandleWins() throws Exception {
        String n = "r" + SEQUENCE.incrementAndGet();
        String handle = "race_" + n;
        ExecutorService pool = Executors.newFixedThreadPool(CLAIMANTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> futures = IntStream.range(0, CLAIMANTS).mapToObj(i -> pool.submit(() -> {
                UserId user = UserId.of("claimant-" + i + "-" + n);
                String typed = i % 2 == 0 ? handle : handle.toUpperCase();
                start.await();
                try {
                    profiles.setProfile(user, new ProfileRequest(typed, "Claimant " + i, null, null, null), NOW);
                    return new Outcome(user, null);
                } catch (TandemException refused) {
                    return new Outcome(user, refused.code());
                }
            })).toList();
            start.countDown();
            List<Outcome> outcomes = futures.stream().map(ProfileEntryConcurrencyTest::outcome).toList();

            List<Outcome> winners = outcomes.stream().filter(outcome -> outcome.refusal() == null).toList();
            assertThat(winners).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> outcome.refusal() == ErrorCode.HANDLE_TAKEN).hasSize(CLAIMANTS - 1);
            assertThat(directory.userOfHandle(handle)).contains(winners.get(0).user());
            outcomes.stream().filter(outcome -> outcome.refusal() != null)
                    .forEach(loser -> assertThat(directory.handleOf(loser.user())).isEmpty());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome outcome(Future<Outcome> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("a request did not finish", e);
        }
    }
}
