package io.tandem.command.follow;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.Relation;
import io.tandem.contracts.follow.RelationState;
import io.tandem.contracts.follow.RelationshipId;
import io.tandem.contracts.follow.SetRelationCommand;
import io.tandem.contracts.follow.TraderBlockedEvent;
import io.tandem.contracts.follow.TraderFollowedEvent;
import io.tandem.contracts.follow.TraderMutedEvent;
import io.tandem.contracts.follow.TraderUnblockedEvent;
import io.tandem.contracts.follow.TraderUnfollowedEvent;
import io.tandem.contracts.follow.TraderUnmutedEvent;
import io.tandem.contracts.follow.UnfollowReason;
import io.tandem.contracts.post.SocialIds;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;


/** The relationship of one pair of users: follows, mutes and blocks both ways, idempotent, a block ends both follows. */
class RelationshipTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final RelationshipId PAIR = SocialIds.relationship(ALICE, BOB);
    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2025-01-01T11:00:00Z");

    private FixtureConfiguration<Relationship> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Relationship.class);
    }

    private static SetRelationCommand set(UserId actor, UserId target, Relation relation, boolean active) {
        return new SetRelationCommand(PAIR, actor, target, relation, active, LATER);
    }

    private static TraderFollowedEvent followed(UserId actor, UserId target) {
        return new TraderFollowedEvent(PAIR, actor, target, AT);
    }

    private static TraderBlockedEvent blocked(UserId actor, UserId target) {
        return new TraderBlockedEvent(PAIR, actor, target, AT);
    }

    @Test
    void theRelationshipIsTheSameAggregateWhicheverUserActs() {
        assertThat(SocialIds.relationship(BOB, ALICE)).isEqualTo(PAIR);
    }

    @Test
    void aFirstFollowCreatesTheRelationship() {
        fixture.givenNoPriorActivity()
                .when(set(ALICE, BOB, Relation.FOLLOW, true))
                .expectEvents(new TraderFollowedEvent(PAIR, ALICE, BOB, LATER))
                .expectResultMessagePayload(new RelationState(true, false, false, false));
    }

    @Test
    void followingAgainRecordsNothingAndAnswersTheSame() {
        fixture.given(followed(ALICE, BOB))
                .when(set(ALICE, BOB, Relation.FOLLOW, true))
                .expectNoEvents()
                .expectResultMessagePayload(new RelationState(true, false, false, false));
    }

    @Test
    void followingBackIsTheOtherDirectionOfTheSamePair() {
        fixture.given(followed(ALICE, BOB))
                .when(set(BOB, ALICE, Relation.FOLLOW, true))
                .expectEvents(new TraderFollowedEvent(PAIR, BOB, ALICE, LATER))
                .expectResultMessagePayload(new RelationState(true, false, false, false));
    }

    @Test
    void unfollowingEndsTheFollowByRequest() {
        fixture.given(followed(ALICE, BOB))
                .when(set(ALICE, BOB, Relation.FOLLOW, false))
                .expectEvents(new TraderUnfollowedEvent(PAIR, ALICE, BOB, UnfollowReason.UNFOLLOWED, LATER))
                .expectResultMessagePayload(new RelationState(false, false, false, false));
    }

    @Test
    void unfollowingWhoYouDoNotFollowRecordsNothing() {
        fixture.givenNoPriorActivity()
                .when(set(ALICE, BOB, Relation.FOLLOW, false))
                .expectNoEvents()
                .expectResultMessagePayload(new RelationState(false, false, false, false));
    }

    @Test
    void followingYourselfIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new SetRelationCommand(SocialIds.relationship(ALICE, ALICE), ALICE, ALICE, Relation.FOLLOW, true, LATER))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.CANNOT_FOLLOW_SELF));
    }

    @Test
    void aCommandForAnotherPairIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new SetRelationCommand(SocialIds.relationship(ALICE, UserId.of("carol")), ALICE, BOB, Relation.FOLLOW, true, LATER))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void muteAndUnmuteAreRecordedOnce() {
        fixture.given(new TraderMutedEvent(PAIR, ALICE, BOB, AT))
                .when(set(ALICE, BOB, Relation.MUTE, false))
                .expectEvents(new TraderUnmutedEvent(PAIR, ALICE, BOB, LATER))
                .expectResultMessagePayload(new RelationState(false, false, false, false));
    }

    @Test
    void mutingAgainRecordsNothing() {
        fixture.given(new TraderMutedEvent(PAIR, ALICE, BOB, AT))
                .when(set(ALICE, BOB, Relation.MUTE, true))
                .expectNoEvents()
                .expectResultMessagePayload(new RelationState(false, true, false, false));
    }

    @Test
    void aBlockEndsTheFollowsOfBothDirectionsBeforeItIsRecorded() {
        fixture.given(followed(ALICE, BOB), followed(BOB, ALICE))
                .when(set(ALICE, BOB, Relation.BLOCK, true))
                .expectEvents(new TraderUnfollowedEvent(PAIR, ALICE, BOB, UnfollowReason.BLOCKED, LATER),
                        new TraderUnfollowedEvent(PAIR, BOB, ALICE, UnfollowReason.BLOCKED, LATER),
                        new TraderBlockedEvent(PAIR, ALICE, BOB, LATER))
                .expectResultMessagePayload(new RelationState(false, false, true, false));
    }

    @Test
    void aBlockWithoutFollowsIsRecordedAlone() {
        fixture.givenNoPriorActivity()
                .when(set(BOB, ALICE, Relation.BLOCK, true))
                .expectEvents(new TraderBlockedEvent(PAIR, BOB, ALICE, LATER));
    }

    @Test
    void blockingAgainRecordsNothing() {
        fixture.given(blocked(ALICE, BOB))
                .when(set(ALICE, BOB, Relation.BLOCK, true))
                .expectNoEvents()
                .expectResultMessagePayload(new RelationState(false, false, true, false));
    }

    @Test
    void theBlockedUserCannotFollowTheBlocker() {
        fixture.given(blocked(ALICE, BOB))
                .when(set(BOB, ALICE, Relation.FOLLOW, true))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.BLOCKED));
    }

    @Test
    void theBlockerCannotFollowWhomTheyBlocked() {
        fixture.given(blocked(ALICE, BOB))
                .when(set(ALICE, BOB, Relation.FOLLOW, true))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.BLOCKED));
    }

    @Test
    void theBlockedUserSeesThatTheyAreBlocked() {
        fixture.given(blocked(ALICE, BOB))
                .when(set(BOB, ALICE, Relation.MUTE, true))
                .expectEvents(new TraderMutedEvent(PAIR, BOB, ALICE, LATER))
                .expectResultMessagePayload(new RelationState(false, true, false, true));
    }

    @Test
    void anUnblockLetsThemFollowAgainButRestoresNoFollow() {
        fixture.given(followed(BOB, ALICE), new TraderUnfollowedEvent(PAIR, BOB, ALICE, UnfollowReason.BLOCKED, AT), blocked(ALICE, BOB))
                .when(set(ALICE, BOB, Relation.BLOCK, false))
                .expectEvents(new TraderUnblockedEvent(PAIR, ALICE, BOB, LATER))
                .expectResultMessagePayload(new RelationState(false, false, false, false));
    }

    @Test
    void afterAnUnblockFollowingIsAllowed() {
        fixture.given(blocked(ALICE, BOB), new TraderUnblockedEvent(PAIR, ALICE, BOB, AT))
                .when(set(BOB, ALICE, Relation.FOLLOW, true))
                .expectEvents(new TraderFollowedEvent(PAIR, BOB, ALICE, LATER));
    }

    @Test
    void aBlockOneWayStillBarsFollowingWhenTheOtherUnblocks() {
        fixture.given(blocked(ALICE, BOB), blocked(BOB, ALICE), new TraderUnblockedEvent(PAIR, BOB, ALICE, AT))
                .when(set(BOB, ALICE, Relation.FOLLOW, true))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.BLOCKED));
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
