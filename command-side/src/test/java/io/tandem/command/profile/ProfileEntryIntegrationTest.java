package io.tandem.command.profile;

import io.tandem.command.follow.BlockList;
import io.tandem.command.follow.FollowEntry;
import io.tandem.command.follow.FollowEntry.RelationResult;
import io.tandem.command.profile.ProfileEntry.ProfileRequest;
import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.Relation;
import io.tandem.contracts.follow.TraderBlockedEvent;
import io.tandem.contracts.follow.TraderFollowedEvent;
import io.tandem.contracts.follow.TraderUnfollowedEvent;
import io.tandem.contracts.follow.UnfollowReason;
import io.tandem.contracts.post.SocialIds;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import io.tandem.contracts.profile.TraderProfileView;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Profile and follow entry against real aggregates, a real event store and the handle and block
 * tables' subscribing processors on H2: what a request leaves behind, and that a refusal leaves
 * nothing. Each test uses its own users and handles.
 */
@SocialEntrySpringTest
class ProfileEntryIntegrationTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

    @Autowired
    private ProfileEntry profiles;
    @Autowired
    private FollowEntry follows;
    @Autowired
    private TraderDirectory directory;
    @Autowired
    private BlockList blockList;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionTemplate transaction;
    @Autowired
    private TraderHandleUpdater handleUpdater;

    private String n;
    private UserId alice;
    private UserId bob;
    private AccountId aliceAccount;
    private AccountId bobAccount;

    @BeforeEach
    void users() {
        n = String.valueOf(SEQUENCE.incrementAndGet());
        alice = UserId.of("alice-" + n);
        bob = UserId.of("bob-" + n);
        aliceAccount = open("alice-acc-" + n, alice);
        bobAccount = open("bob-acc-" + n, bob);
    }

    private AccountId open(String id, UserId owner) {
        AccountId account = AccountId.of(id);
        commandGateway.sendAndWait(new OpenAccountCommand(account, owner, AccountType.TRADING));
        return account;
    }

    /** A handle unique to this test. */
    private String handle(String name) {
        return name + "_" + n;
    }

    private TraderProfileView set(UserId user, String handle, AccountId account) {
        return profiles.setProfile(user, new ProfileRequest(handle, "Display " + handle, null, null, account), NOW);
    }

    private List<Object> events(Object aggregateId) {
        return transaction.execute(status -> eventStore.readEvents(aggregateId.toString()).asStream()
                .map(EventMessage::getPayload).map(Object.class::cast).toList());
    }

    private static void refused(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aProfileIsSetWithItsDefaultsAndItsHandleIsTaken() {
        TraderProfileView view = set(alice, handle("Alice"), aliceAccount);

        assertThat(view).isEqualTo(new TraderProfileView(alice.value(), handle("Alice"), "Display " + handle("Alice"), "", true,
                aliceAccount.value(), 0, 0, 0, false, false, false));
        assertThat(events(alice)).containsExactly(new TraderProfileSetEvent(alice, handle("Alice"), null,
                "Display " + handle("Alice"), "", true, aliceAccount, true, null, NOW));
        assertThat(directory.userOfHandle(handle("alice"))).contains(alice);
        assertThat(directory.handleOf(alice)).contains(handle("Alice"));
    }

    @Test
    void aProfileRequestCarriesTheCopySettingsToTheProfile() {
        profiles.setProfile(alice, new ProfileRequest(handle("Alice"), "Alice", null, null, aliceAccount, false, 25), NOW);

        assertThat(events(alice)).containsExactly(new TraderProfileSetEvent(alice, handle("Alice"), null, "Alice", "", true,
                aliceAccount, false, 25, NOW));
    }

    @Test
    void aCopierLimitOutsideOneToAMillionIsRefusedBeforeAnythingIsWritten() {
        refused(() -> profiles.setProfile(alice, new ProfileRequest(handle("Alice"), "Alice", null, null, aliceAccount, null, 0), NOW),
                ErrorCode.MALFORMED_REQUEST);
        assertThat(events(alice)).isEmpty();
    }

    @Test
    void theSameProfileAgainWritesNothing() {
        set(alice, handle("alice"), aliceAccount);

        set(alice, handle("alice"), aliceAccount);

        assertThat(events(alice)).hasSize(1);
    }

    @Test
    void aHandleTakenByAnotherUserIsRefusedWhateverItsLetterCase() {
        set(alice, handle("alice"), null);

        refused(() -> set(bob, handle("ALICE"), null), ErrorCode.HANDLE_TAKEN);
        refused(() -> set(bob, handle("alice"), null), ErrorCode.HANDLE_TAKEN);

        assertThat(events(bob)).isEmpty();
        assertThat(directory.handleOf(bob)).isEmpty();
    }

    @Test
    void theOwnerMayChangeTheLetterCaseOfTheirHandle() {
        set(alice, handle("alice"), null);

        set(alice, handle("ALICE"), null);

        assertThat(directory.handleOf(alice)).contains(handle("ALICE"));
        assertThat(directory.userOfHandle(handle("alice"))).contains(alice);
    }

    @Test
    void aChangedHandleFreesTheOldOne() {
        set(alice, handle("alice"), null);
        set(alice, handle("alice2"), null);

        assertThat(directory.userOfHandle(handle("alice"))).isEmpty();
        assertThat(directory.userOfHandle(handle("alice2"))).contains(alice);

        set(bob, handle("Alice"), null);
        assertThat(directory.userOfHandle(handle("alice"))).contains(bob);
    }

    @Test
    void anotherUsersAccountAndAnUnknownOneAreRefusedAlikeAndNothingIsWritten() {
        assertThatThrownBy(() -> set(alice, handle("alice"), bobAccount))
                .isInstanceOfSatisfying(TandemException.class, foreign -> {
                    assertThat(foreign.code()).isEqualTo(ErrorCode.NOT_ACCOUNT_OWNER);
                    assertThatThrownBy(() -> set(alice, handle("alice"), AccountId.of("no-such-" + n)))
                            .isInstanceOfSatisfying(TandemException.class, unknown -> {
                                assertThat(unknown.code()).isEqualTo(ErrorCode.NOT_ACCOUNT_OWNER);
                                assertThat(unknown.getMessage()).isEqualTo(foreign.getMessage().replace(bobAccount.value(), "no-such-" + n));
                            });
                });

        assertThat(events(alice)).isEmpty();
        assertThat(directory.userOfHandle(handle("alice"))).isEmpty();
    }

    @Test
    void badTextsAreRefusedBeforeAnythingIsWritten() {
        refused(() -> set(alice, "a", null), ErrorCode.INVALID_TEXT);
        refused(() -> profiles.setProfile(alice, new ProfileRequest(handle("alice"), "x".repeat(61), null, null, null), NOW),
                ErrorCode.INVALID_TEXT);
        refused(() -> profiles.setProfile(alice, new ProfileRequest(handle("alice"), "Alice", "bio\u0007", null, null), NOW),
                ErrorCode.INVALID_TEXT);

        assertThat(events(alice)).isEmpty();
    }

    @Test
    void followingNeedsAProfile() {
        set(bob, handle("bob"), null);

        refused(() -> follows.set(alice, handle("bob"), Relation.FOLLOW, true, NOW), ErrorCode.PROFILE_REQUIRED);
    }

    @Test
    void anUnknownHandleIsTraderNotFound() {
        set(alice, handle("alice"), null);

        refused(() -> follows.set(alice, handle("nobody"), Relation.FOLLOW, true, NOW), ErrorCode.TRADER_NOT_FOUND);
        refused(() -> follows.set(alice, "not a handle", Relation.FOLLOW, true, NOW), ErrorCode.TRADER_NOT_FOUND);
    }

    @Test
    void followingYourselfIsRefused() {
        set(alice, handle("alice"), null);

        refused(() -> follows.set(alice, handle("ALICE"), Relation.FOLLOW, true, NOW), ErrorCode.CANNOT_FOLLOW_SELF);
    }

    @Test
    void aFollowIsRecordedOnceAndAnswersTheTargetsHandle() {
        set(alice, handle("alice"), null);
        set(bob, handle("Bob"), null);

        RelationResult first = follows.set(alice, handle("bob"), Relation.FOLLOW, true, NOW);
        RelationResult again = follows.set(alice, handle("bob"), Relation.FOLLOW, true, NOW);

        assertThat(first).isEqualTo(new RelationResult(handle("Bob"), true, false, false)).isEqualTo(again);
        assertThat(events(SocialIds.relationship(alice, bob)))
                .containsExactly(new TraderFollowedEvent(SocialIds.relationship(alice, bob), alice, bob, NOW));
    }

    @Test
    void clearingWhatWasNeverSetAnswersTheStateAndWritesNothing() {
        set(alice, handle("alice"), null);
        set(bob, handle("bob"), null);

        assertThat(follows.set(alice, handle("bob"), Relation.MUTE, false, NOW))
                .isEqualTo(new RelationResult(handle("bob"), false, false, false));
        assertThat(events(SocialIds.relationship(alice, bob))).isEmpty();
    }

    @Test
    void aBlockEndsBothFollowsBarsFollowingAndIsInTheBlockListUntilLifted() {
        set(alice, handle("alice"), null);
        set(bob, handle("bob"), null);
        follows.set(alice, handle("bob"), Relation.FOLLOW, true, NOW);
        follows.set(bob, handle("alice"), Relation.FOLLOW, true, NOW);

        assertThat(follows.set(alice, handle("bob"), Relation.BLOCK, true, NOW))
                .isEqualTo(new RelationResult(handle("bob"), false, false, true));

        assertThat(events(SocialIds.relationship(alice, bob))).endsWith(
                new TraderUnfollowedEvent(SocialIds.relationship(alice, bob), alice, bob, UnfollowReason.BLOCKED, NOW),
                new TraderUnfollowedEvent(SocialIds.relationship(alice, bob), bob, alice, UnfollowReason.BLOCKED, NOW),
                new TraderBlockedEvent(SocialIds.relationship(alice, bob), alice, bob, NOW));
        assertThat(blockList.blocks(alice, bob)).isTrue();
        assertThat(blockList.blocks(bob, alice)).isFalse();
        refused(() -> follows.set(bob, handle("alice"), Relation.FOLLOW, true, NOW), ErrorCode.BLOCKED);

        follows.set(alice, handle("bob"), Relation.BLOCK, false, NOW);
        assertThat(blockList.blocks(alice, bob)).isFalse();
        assertThat(follows.set(bob, handle("alice"), Relation.FOLLOW, true, NOW).following()).isTrue();
    }

    @Test
    void aRefusedRequestLeavesTheHandleTableAsItWas() {
        set(alice, handle("alice"), null);

        refused(() -> set(alice, handle("alice_new"), bobAccount), ErrorCode.NOT_ACCOUNT_OWNER);

        assertThat(directory.handleOf(alice)).isEqualTo(Optional.of(handle("alice")));
        assertThat(directory.userOfHandle(handle("alice_new"))).isEmpty();
    }

    /** What rebuilding the table from the event log relies on: an event applied again changes nothing. */
    @Test
    void theHandleTableIgnoresAProfileEventAppliedAgain() {
        set(alice, handle("alice"), null);
        set(alice, handle("Alice2"), null);
        List<Object> history = events(alice);

        transaction.executeWithoutResult(status -> history.forEach(event -> handleUpdater.on((TraderProfileSetEvent) event)));
        transaction.executeWithoutResult(status -> handleUpdater.on((TraderProfileSetEvent) history.get(history.size() - 1)));

        assertThat(directory.handleOf(alice)).contains(handle("Alice2"));
        assertThat(directory.userOfHandle(handle("alice"))).isEmpty();
    }
}
