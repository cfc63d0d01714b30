package io.tandem.command.copy;

import io.tandem.command.orderentry.OrderIds;
import io.tandem.contracts.common.*;
import io.tandem.contracts.copy.*;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.math.BigDecimal;
import java.time.Instant;

/** Shared ids, commands and events of the copy fixture tests. */
final class CopyFixtures {

    static final UserId BOB = UserId.of("bob");
    static final UserId ALICE = UserId.of("alice");
    static final UserId MALLORY = UserId.of("mallory");
    static final UserId ADMIN = UserId.of("admin");
    static final CopyId COPY = CopyIds.copy(BOB, "c-1");
    static final AccountId FROM = AccountId.of("acc-bob");
    static final AccountId COPY_ACCOUNT = CopyIds.copyAccount(COPY);
    static final AccountId LEADER_ACCOUNT = AccountId.of("acc-alice");
    static final Symbol ACME = Symbol.of("ACME");
    static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");
    static final BigDecimal TEN_PERCENT = new BigDecimal("10");

    private CopyFixtures() {
    }

    static StartCopyCommand start(long cents, BigDecimal stopLoss, SizingMode sizing, Cash perTrade) {
        return new StartCopyCommand(COPY, BOB, "c-1", FROM, COPY_ACCOUNT, ALICE, "alice", LEADER_ACCOUNT,
                Cash.ofCents(cents), stopLoss, sizing, perTrade, true, AT);
    }

    static StartCopyCommand start() {
        return start(1_000_00, TEN_PERCENT, SizingMode.PROPORTIONAL, null);
    }

    static CopyStartedEvent started() {
        return new CopyStartedEvent(COPY, BOB, "c-1", FROM, COPY_ACCOUNT, ALICE, "alice", LEADER_ACCOUNT,
                Cash.ofCents(1_000_00), TEN_PERCENT, Cash.ofCents(900_00), SizingMode.PROPORTIONAL, null, true, AT);
    }

    static CopyAnswer answer(CopyStatus status, long invested, String transferId, boolean created) {
        return new CopyAnswer(COPY, COPY_ACCOUNT, FROM, BOB, ALICE, LEADER_ACCOUNT, status, Cash.ofCents(invested),
                transferId, created);
    }

    static CopyStoppingEvent stopping() {
        return new CopyStoppingEvent(COPY, CopyStopReason.BY_COPIER, null, null, AT);
    }

    static OrderId orderOf(String clientOrderId) {
        return OrderIds.of(COPY_ACCOUNT, clientOrderId);
    }

    /** Matches a {@link TandemException} carrying {@code code}. */
    static Matcher<Throwable> refusedWith(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof TandemException e && e.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("TandemException with code " + code);
            }
        };
    }
}
