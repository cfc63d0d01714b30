package io.tandem.command.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.profile.*;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A trader's copy settings and copier slots. */
class TraderProfileCopySlotTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final AccountId ACCOUNT = AccountId.of("acc-alice");
    private static final CopyId COPY_1 = CopyId.of("copy-1");
    private static final CopyId COPY_2 = CopyId.of("copy-2");
    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");

    private FixtureConfiguration<TraderProfile> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TraderProfile.class);
    }

    private static TraderProfileSetEvent profile(AccountId account, Boolean accepts, Integer max) {
        return new TraderProfileSetEvent(ALICE, "Alice", null, "Alice A.", "hi", true, account, accepts, max, AT);
    }

    private static SetTraderProfileCommand set(Boolean accepts, Integer max) {
        return new SetTraderProfileCommand(ALICE, "Alice", "Alice A.", "hi", true, ACCOUNT, accepts, max, AT);
    }

    @Test
    void aNewProfileAcceptsCopiersWithoutLimitUnlessToldOtherwise() {
        fixture.givenNoPriorActivity()
                .when(set(null, null))
                .expectEvents(profile(ACCOUNT, true, null));
    }

    @Test
    void copySettingsAreAChange() {
        fixture.given(profile(ACCOUNT, true, null))
                .when(set(false, 10))
                .expectEvents(new TraderProfileSetEvent(ALICE, "Alice", "Alice", "Alice A.", "hi", true, ACCOUNT, false, 10, AT));
    }

    @Test
    void acceptingCopiersNullKeepsTheCurrentSetting() {
        fixture.given(profile(ACCOUNT, false, 10))
                .when(set(null, 10))
                .expectNoEvents();
    }

    @Test
    void aRevisionOneProfileReadsAsAccepting() {
        fixture.given(new TraderProfileSetEvent(ALICE, "Alice", null, "Alice A.", "hi", true, ACCOUNT, AT))
                .when(new ClaimCopySlotCommand(ALICE, COPY_1, BOB))
                .expectEvents(new CopySlotClaimedEvent(ALICE, COPY_1, BOB, 1))
                .expectResultMessagePayload(ACCOUNT);
    }

    @Test
    void aCopierLimitBelowOneIsMalformed() {
        fixture.given(profile(ACCOUNT, true, null))
                .when(set(true, 0))
                .expectException(refusedWith(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void aCopierLimitAboveAMillionIsMalformed() {
        fixture.given(profile(ACCOUNT, true, null))
                .when(set(true, 1_000_001))
                .expectException(refusedWith(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void aSlotIsClaimedAndAnswersThePublicAccount() {
        fixture.given(profile(ACCOUNT, true, 2), new CopySlotClaimedEvent(ALICE, COPY_1, BOB, 1))
                .when(new ClaimCopySlotCommand(ALICE, COPY_2, BOB))
                .expectEvents(new CopySlotClaimedEvent(ALICE, COPY_2, BOB, 2))
                .expectResultMessagePayload(ACCOUNT);
    }

    @Test
    void noSlotIsLeftAtTheLimit() {
        fixture.given(profile(ACCOUNT, true, 1), new CopySlotClaimedEvent(ALICE, COPY_1, BOB, 1))
                .when(new ClaimCopySlotCommand(ALICE, COPY_2, BOB))
                .expectException(refusedWith(ErrorCode.COPY_SLOTS_FULL));
    }

    @Test
    void aReleasedSlotCanBeClaimedAgain() {
        fixture.given(profile(ACCOUNT, true, 1), new CopySlotClaimedEvent(ALICE, COPY_1, BOB, 1),
                        new CopySlotReleasedEvent(ALICE, COPY_1, 0))
                .when(new ClaimCopySlotCommand(ALICE, COPY_2, BOB))
                .expectEvents(new CopySlotClaimedEvent(ALICE, COPY_2, BOB, 1));
    }

    @Test
    void aTraderWithoutAPublicAccountCannotBeCopied() {
        fixture.given(profile(null, true, null))
                .when(new ClaimCopySlotCommand(ALICE, COPY_1, BOB))
                .expectException(refusedWith(ErrorCode.LEADER_NOT_COPYABLE));
    }

    @Test
    void aTraderWhoDoesNotAcceptCopiersCannotBeCopied() {
        fixture.given(profile(ACCOUNT, false, null))
                .when(new ClaimCopySlotCommand(ALICE, COPY_1, BOB))
                .expectException(refusedWith(ErrorCode.LEADER_NOT_COPYABLE));
    }

    @Test
    void aTraderCannotCopyThemselves() {
        fixture.given(profile(ACCOUNT, true, null))
                .when(new ClaimCopySlotCommand(ALICE, COPY_1, ALICE))
                .expectException(refusedWith(ErrorCode.CANNOT_COPY_SELF));
    }

    @Test
    void releasingNeverCountsBelowZero() {
        fixture.given(profile(ACCOUNT, true, null))
                .when(new ReleaseCopySlotCommand(ALICE, COPY_1))
                .expectEvents(new CopySlotReleasedEvent(ALICE, COPY_1, 0));
    }

    @Test
    void aProfileSurvivesAJacksonRoundTrip() {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
        fixture.given(profile(ACCOUNT, true, 7), new CopySlotClaimedEvent(ALICE, COPY_1, BOB, 1))
                .when(new ReleaseCopySlotCommand(ALICE, COPY_1))
                .expectState(profile -> {
                    SerializedObject<String> snapshot = serializer.serialize(profile, String.class);
                    TraderProfile restored = serializer.deserialize(snapshot);
                    assertThat(snapshot.getData()).contains("maxCopiers", "copiers");
                    assertThat(restored).usingRecursiveComparison().isEqualTo(profile);
                });
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
