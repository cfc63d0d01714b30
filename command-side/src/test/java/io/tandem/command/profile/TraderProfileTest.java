package io.tandem.command.profile;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.profile.SetTraderProfileCommand;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import io.tandem.contracts.profile.TraderProfileView;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;


/** A trader profile: created or updated by one command, recorded only when it changes, texts guarded. */
class TraderProfileTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final AccountId ACCOUNT = AccountId.of("acc-alice");
    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2025-01-01T11:00:00Z");

    private FixtureConfiguration<TraderProfile> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TraderProfile.class);
    }

    private static SetTraderProfileCommand set(String handle, String displayName, String bio, boolean shareTrades,
                                               AccountId account, Instant at) {
        return new SetTraderProfileCommand(ALICE, handle, displayName, bio, shareTrades, account, at);
    }

    private static TraderProfileSetEvent created() {
        return new TraderProfileSetEvent(ALICE, "Alice", null, "Alice A.", "hi", true, ACCOUNT, true, null, AT);
    }

    private static TraderProfileView view(String handle, String displayName, String bio, boolean shareTrades, String account) {
        return new TraderProfileView("alice", handle, displayName, bio, shareTrades, account, 0, 0, 0, false, false, false);
    }

    @Test
    void aFirstProfileIsCreatedWithoutAPreviousHandle() {
        fixture.givenNoPriorActivity()
                .when(set("Alice", "Alice A.", "hi", true, ACCOUNT, AT))
                .expectEvents(created())
                .expectResultMessagePayload(view("Alice", "Alice A.", "hi", true, "acc-alice"));
    }

    @Test
    void theSameProfileAgainRecordsNothingAndAnswersTheSame() {
        fixture.given(created())
                .when(set("Alice", "Alice A.", "hi", true, ACCOUNT, LATER))
                .expectNoEvents()
                .expectResultMessagePayload(view("Alice", "Alice A.", "hi", true, "acc-alice"));
    }

    @Test
    void aChangedHandleRecordsTheHandleItFrees() {
        fixture.given(created())
                .when(set("alice_trades", "Alice A.", "hi", true, ACCOUNT, LATER))
                .expectEvents(new TraderProfileSetEvent(ALICE, "alice_trades", "Alice", "Alice A.", "hi", true, ACCOUNT, true, null, LATER));
    }

    @Test
    void aChangeOfAnotherFieldKeepsTheHandleAndRecordsTheWholeProfile() {
        fixture.given(created())
                .when(set("Alice", "Alice A.", "new bio", false, null, LATER))
                .expectEvents(new TraderProfileSetEvent(ALICE, "Alice", "Alice", "Alice A.", "new bio", false, null, true, null, LATER))
                .expectResultMessagePayload(view("Alice", "Alice A.", "new bio", false, null));
    }

    @Test
    void aHandleInOtherLetterCaseIsAChange() {
        fixture.given(created())
                .when(set("ALICE", "Alice A.", "hi", true, ACCOUNT, LATER))
                .expectEvents(new TraderProfileSetEvent(ALICE, "ALICE", "Alice", "Alice A.", "hi", true, ACCOUNT, true, null, LATER));
    }

    @Test
    void anInvalidHandleIsRefused() {
        fixture.givenNoPriorActivity()
                .when(set("a-b", "Alice", "", true, null, AT))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.INVALID_TEXT));
    }

    @Test
    void aDisplayNameWithALineBreakIsRefused() {
        fixture.given(created())
                .when(set("Alice", "Alice\nA.", "hi", true, ACCOUNT, LATER))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.INVALID_TEXT));
    }

    @Test
    void aBioOverFiveHundredCharactersIsRefused() {
        fixture.given(created())
                .when(set("Alice", "Alice A.", "x".repeat(501), true, ACCOUNT, LATER))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.INVALID_TEXT));
    }

    private static Matcher<Throwable> refusedWith(ErrorCode code) {
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
