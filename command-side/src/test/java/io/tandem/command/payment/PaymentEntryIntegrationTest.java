package io.tandem.command.payment;

import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.command.payment.PaymentEntry.PaymentResult;
import io.tandem.contracts.account.AdjustCashCommand;
import io.tandem.contracts.account.DepositAcceptedEvent;
import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.account.WithdrawalReservedEvent;
import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.DepositRequestedEvent;
import io.tandem.contracts.payment.PaymentDirection;
import io.tandem.contracts.payment.PaymentOutcomeConflictedEvent;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.payment.PaymentStatus;
import io.tandem.contracts.payment.WithdrawalRequestedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Payment entry against real accounts and payments, a real event store and the limit table's
 * subscribing processor on H2: what a request leaves behind, and that a refusal leaves nothing.
 * Each test uses its own accounts, users and client payment ids.
 */
@PaymentEntrySpringTest
class PaymentEntryIntegrationTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");
    private static final String SIMULATOR = "simulator";
    private static final Instant NEXT_DAY = Instant.parse("2025-01-02T00:00:01Z");

    @Autowired
    private PaymentEntry payments;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionTemplate transaction;

    private String n;
    private Caller alice;
    private AccountId aliceAccount;
    private Caller bob;
    private AccountId bobAccount;

    @BeforeEach
    void openAccounts() {
        n = String.valueOf(SEQUENCE.incrementAndGet());
        alice = new Caller(UserId.of("alice-" + n), false);
        aliceAccount = open("alice-acc-" + n, alice.userId(), 300_000);
        bob = new Caller(UserId.of("bob-" + n), false);
        bobAccount = open("bob-acc-" + n, bob.userId(), 0);
    }

    private AccountId open(String id, UserId owner, long cents) {
        AccountId account = AccountId.of(id);
        commandGateway.sendAndWait(new OpenAccountCommand(account, owner, AccountType.TRADING));
        if (cents > 0) {
            commandGateway.sendAndWait(new AdjustCashCommand(account, AdjustmentId.of("seed"), Cash.ofCents(cents), "seed", UserId.of("admin")));
        }
        return account;
    }

    /** The client's payment id: unique per test, as a client would pick it. */
    private String client(String name) {
        return name + "-" + n;
    }

    /** The platform's id of Alice's payment {@code name}. */
    private PaymentId id(String name) {
        return PaymentIds.of(aliceAccount, client(name));
    }

    private List<Object> events(Object aggregateId) {
        return transaction.execute(status -> eventStore.readEvents(aggregateId.toString()).asStream()
                .map(EventMessage::getPayload).map(Object.class::cast).toList());
    }

    private static void refused(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aDepositIsAcceptedOnTheAccountAndRequestedAsAPayment() {
        PaymentResult result = payments.deposit(alice, aliceAccount, client("dep"), "100.00", null, NOW);

        assertThat(result).isEqualTo(new PaymentResult(id("dep"), PaymentStatus.REQUESTED));
        assertThat(result.paymentId().value()).isEqualTo(aliceAccount.value() + ":" + client("dep"));
        assertThat(events(aliceAccount)).contains(new DepositAcceptedEvent(aliceAccount, id("dep"), alice.userId(), Cash.ofCents(10_000)));
        assertThat(events(id("dep"))).containsExactly(
                new DepositRequestedEvent(id("dep"), aliceAccount, alice.userId(), Cash.ofCents(10_000), "simulator", NOW));
    }

    @Test
    void aRepeatedDepositRequestAnswersTheCurrentStatusAndCreatesNothing() {
        payments.deposit(alice, aliceAccount, client("dep"), "100.00", "simulator", NOW);
        payments.confirm(id("dep"), SIMULATOR, "sim-1", NOW);

        PaymentResult again = payments.deposit(alice, aliceAccount, client("dep"), "100.00", null, NOW.plusSeconds(5));

        assertThat(again.status()).isEqualTo(PaymentStatus.CONFIRMED);
        assertThat(events(id("dep"))).hasSize(2);
        assertThat(events(aliceAccount)).filteredOn(DepositAcceptedEvent.class::isInstance).hasSize(1);
    }

    @Test
    void depositsOutsideTheConfiguredAmountsAreRefused() {
        refused(() -> payments.deposit(alice, aliceAccount, client("small"), "0.99", null, NOW), ErrorCode.AMOUNT_BELOW_MINIMUM);
        refused(() -> payments.deposit(alice, aliceAccount, client("large"), "5000.01", null, NOW), ErrorCode.AMOUNT_ABOVE_MAXIMUM);
        refused(() -> payments.deposit(alice, aliceAccount, client("odd"), "1.001", null, NOW), ErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void aDepositIntoAnotherUsersAccountIsRefusedAndCreatesNoPayment() {
        refused(() -> payments.deposit(alice, bobAccount, client("dep"), "100.00", null, NOW), ErrorCode.ACCOUNT_NOT_FOUND);

        refused(() -> payments.confirm(PaymentIds.of(bobAccount, client("dep")), SIMULATOR, "sim-1", NOW), ErrorCode.PAYMENT_NOT_FOUND);
    }

    @Test
    void aProviderNotAllowedForTheDirectionIsRefusedBeforeAnythingIsRecorded() {
        refused(() -> payments.deposit(alice, aliceAccount, client("dep"), "100.00", "payout-bank", NOW), ErrorCode.PROVIDER_NOT_ALLOWED);
        refused(() -> payments.deposit(alice, aliceAccount, client("dep"), "100.00", "no-such-bank", NOW), ErrorCode.PROVIDER_NOT_ALLOWED);
        refused(() -> payments.withdraw(alice, aliceAccount, client("wd"), "100.00", "bob-bank", NOW), ErrorCode.PROVIDER_NOT_ALLOWED);

        assertThat(events(aliceAccount)).noneMatch(event -> event instanceof DepositAcceptedEvent || event instanceof WithdrawalReservedEvent);
        refused(() -> payments.confirm(id("dep"), "payout-bank", "ref-1", NOW), ErrorCode.PAYMENT_NOT_FOUND);
        refused(() -> payments.confirm(id("wd"), "bob-bank", "ref-2", NOW), ErrorCode.PAYMENT_NOT_FOUND);
        assertThat(payments.withdraw(alice, aliceAccount, client("wd"), "100.00", "payout-bank", NOW).status())
                .isEqualTo(PaymentStatus.REQUESTED);
    }

    @Test
    void malformedClientPaymentIdsAreRefusedAndCreateNothing() {
        for (String malformed : new String[]{null, "", " ", "dep 1", "acc:dep-1", "dep/1", "d".repeat(65)}) {
            refused(() -> payments.deposit(alice, aliceAccount, malformed, "100.00", null, NOW), ErrorCode.MALFORMED_REQUEST);
            refused(() -> payments.withdraw(alice, aliceAccount, malformed, "100.00", null, NOW), ErrorCode.MALFORMED_REQUEST);
        }

        assertThat(events(aliceAccount)).noneMatch(event -> event instanceof DepositAcceptedEvent || event instanceof WithdrawalReservedEvent);
        assertThat(payments.deposit(alice, aliceAccount, "d".repeat(64), "100.00", null, NOW).status()).isEqualTo(PaymentStatus.REQUESTED);
    }

    @Test
    void aClientPaymentIdReusedOnItsAccountWithOtherDetailsIsAConflictThatLeavesNothingBehind() {
        payments.deposit(alice, aliceAccount, client("dep"), "100.00", null, NOW);

        refused(() -> payments.deposit(alice, aliceAccount, client("dep"), "100.00", "other-bank", NOW), ErrorCode.PAYMENT_CONFLICT);
        refused(() -> payments.withdraw(alice, aliceAccount, client("dep"), "100.00", null, NOW), ErrorCode.PAYMENT_CONFLICT);

        assertThat(events(aliceAccount)).filteredOn(DepositAcceptedEvent.class::isInstance).hasSize(1);
        assertThat(events(aliceAccount)).noneMatch(WithdrawalReservedEvent.class::isInstance);
        assertThat(events(id("dep"))).hasSize(1);
    }

    @Test
    void twoUsersAccountsMayUseTheSameClientPaymentIdAndGetTwoPayments() {
        PaymentResult alicePayment = payments.deposit(alice, aliceAccount, "dep-1", "100.00", null, NOW);
        PaymentResult bobPayment = payments.deposit(bob, bobAccount, "dep-1", "500.00", null, NOW);

        assertThat(alicePayment).isEqualTo(new PaymentResult(PaymentIds.of(aliceAccount, "dep-1"), PaymentStatus.REQUESTED));
        assertThat(bobPayment).isEqualTo(new PaymentResult(PaymentIds.of(bobAccount, "dep-1"), PaymentStatus.REQUESTED));
        assertThat(events(alicePayment.paymentId())).containsExactly(new DepositRequestedEvent(alicePayment.paymentId(),
                aliceAccount, alice.userId(), Cash.ofCents(10_000), "simulator", NOW));
        assertThat(events(bobPayment.paymentId())).containsExactly(new DepositRequestedEvent(bobPayment.paymentId(),
                bobAccount, bob.userId(), Cash.ofCents(50_000), "simulator", NOW));
        assertThat(events(bobAccount)).contains(new DepositAcceptedEvent(bobAccount, bobPayment.paymentId(), bob.userId(), Cash.ofCents(50_000)));
    }

    @Test
    void aConflictOnOneAccountSaysNothingAboutAnotherAccountsPayment() {
        payments.deposit(bob, bobAccount, "dep-1", "500.00", "bob-bank", NOW);
        payments.deposit(alice, aliceAccount, "dep-1", "100.00", null, NOW);

        for (ThrowingCallable conflict : List.<ThrowingCallable>of(
                () -> payments.deposit(alice, aliceAccount, "dep-1", "200.00", null, NOW),
                () -> payments.deposit(alice, aliceAccount, "dep-1", "100.00", "other-bank", NOW))) {
            assertThatThrownBy(conflict).isInstanceOfSatisfying(TandemException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_CONFLICT);
                assertThat(e.getMessage()).contains(PaymentIds.of(aliceAccount, "dep-1").value())
                        .doesNotContain(bobAccount.value(), bob.userId().value(), "500.00", "bob-bank");
            });
        }
    }

    @Test
    void aWithdrawalReservesTheAmountAndRequestsThePayout() {
        PaymentResult result = payments.withdraw(alice, aliceAccount, client("wd"), "250.00", null, NOW);

        assertThat(result.status()).isEqualTo(PaymentStatus.REQUESTED);
        assertThat(events(aliceAccount)).contains(new WithdrawalReservedEvent(aliceAccount, id("wd"), Cash.ofCents(25_000)));
        assertThat(events(id("wd"))).containsExactly(
                new WithdrawalRequestedEvent(id("wd"), aliceAccount, alice.userId(), Cash.ofCents(25_000), "simulator", NOW));
    }

    @Test
    void withdrawalsOutsideTheConfiguredAmountsAreRefused() {
        refused(() -> payments.withdraw(alice, aliceAccount, client("small"), "9.99", null, NOW), ErrorCode.AMOUNT_BELOW_MINIMUM);
        refused(() -> payments.withdraw(alice, aliceAccount, client("large"), "800.01", null, NOW), ErrorCode.AMOUNT_ABOVE_MAXIMUM);
    }

    @Test
    void aWithdrawalBeyondTheBalanceIsRefusedWithoutUsingTheDailyLimit() {
        refused(() -> payments.withdraw(bob, bobAccount, client("wd"), "100.00", null, NOW), ErrorCode.INSUFFICIENT_FUNDS);

        commandGateway.sendAndWait(new AdjustCashCommand(bobAccount, AdjustmentId.of("top-up"), Cash.ofCents(200_000), "top-up", UserId.of("admin")));
        payments.withdraw(bob, bobAccount, client("wd-1"), "800.00", null, NOW);
        assertThat(payments.withdraw(bob, bobAccount, client("wd-2"), "200.00", null, NOW).status()).isEqualTo(PaymentStatus.REQUESTED);
    }

    @Test
    void withdrawalsBeyondTheDailyLimitAreRefusedAndReserveNothing() {
        payments.withdraw(alice, aliceAccount, client("wd-1"), "800.00", null, NOW);

        refused(() -> payments.withdraw(alice, aliceAccount, client("wd-2"), "200.01", null, NOW), ErrorCode.DAILY_WITHDRAWAL_LIMIT);

        assertThat(events(aliceAccount)).filteredOn(WithdrawalReservedEvent.class::isInstance).hasSize(1);
        assertThat(payments.withdraw(alice, aliceAccount, client("wd-3"), "200.00", null, NOW).status()).isEqualTo(PaymentStatus.REQUESTED);
    }

    @Test
    void theDailyLimitCountsPerUserAcrossTheirAccounts() {
        AccountId aliceSecond = open("alice-second-" + n, alice.userId(), 100_000);
        payments.withdraw(alice, aliceAccount, client("wd-1"), "800.00", null, NOW);

        refused(() -> payments.withdraw(alice, aliceSecond, client("wd-2"), "300.00", null, NOW), ErrorCode.DAILY_WITHDRAWAL_LIMIT);
    }

    @Test
    void aRepeatedWithdrawalRequestIsChargedToTheLimitOnce() {
        payments.withdraw(alice, aliceAccount, client("wd-1"), "600.00", null, NOW);
        payments.withdraw(alice, aliceAccount, client("wd-1"), "600.00", null, NOW);

        assertThat(payments.withdraw(alice, aliceAccount, client("wd-2"), "400.00", null, NOW).status()).isEqualTo(PaymentStatus.REQUESTED);
    }

    @Test
    void aFailedWithdrawalGivesItsAmountBackToTheDailyLimit() {
        payments.withdraw(alice, aliceAccount, client("wd-1"), "800.00", null, NOW);
        payments.fail(id("wd-1"), SIMULATOR, "DECLINED", NOW.plusSeconds(5));

        assertThat(payments.withdraw(alice, aliceAccount, client("wd-2"), "800.00", null, NOW.plusSeconds(10)).status())
                .isEqualTo(PaymentStatus.REQUESTED);
    }

    @Test
    void aConfirmedWithdrawalStaysChargedToTheDailyLimit() {
        payments.withdraw(alice, aliceAccount, client("wd-1"), "800.00", null, NOW);
        payments.confirm(id("wd-1"), SIMULATOR, "sim-1", NOW.plusSeconds(5));
        payments.fail(id("wd-1"), SIMULATOR, "LATE_DECLINE", NOW.plusSeconds(6));

        refused(() -> payments.withdraw(alice, aliceAccount, client("wd-2"), "800.00", null, NOW.plusSeconds(10)), ErrorCode.DAILY_WITHDRAWAL_LIMIT);
    }

    @Test
    void theDailyLimitStartsAfreshOnTheNextUtcDay() {
        payments.withdraw(alice, aliceAccount, client("wd-1"), "800.00", null, NOW);

        assertThat(payments.withdraw(alice, aliceAccount, client("wd-2"), "800.00", null, NEXT_DAY).status()).isEqualTo(PaymentStatus.REQUESTED);
    }

    @Test
    void theFirstFinalAnswerStandsAndALaterContradictingOneIsOnlyRecorded() {
        payments.deposit(alice, aliceAccount, client("dep"), "100.00", null, NOW);

        assertThat(payments.fail(id("dep"), SIMULATOR, "CARD_DECLINED", NOW.plusSeconds(1))).isEqualTo(PaymentStatus.FAILED);
        assertThat(payments.fail(id("dep"), SIMULATOR, "CARD_DECLINED", NOW.plusSeconds(2))).isEqualTo(PaymentStatus.FAILED);
        assertThat(payments.confirm(id("dep"), SIMULATOR, "sim-1", NOW.plusSeconds(3))).isEqualTo(PaymentStatus.FAILED);

        assertThat(events(id("dep"))).hasSize(3).last().isEqualTo(new PaymentOutcomeConflictedEvent(id("dep"), aliceAccount,
                PaymentDirection.DEPOSIT, Cash.ofCents(10_000), PaymentStatus.FAILED, PaymentStatus.CONFIRMED, "sim-1",
                NOW.plusSeconds(3)));
    }

    @Test
    void anAnswerFromAnotherProviderIsRefusedInTheWordsOfAnUnknownPaymentAndChangesNothing() {
        payments.deposit(alice, aliceAccount, client("dep"), "100.00", "simulator", NOW);

        assertThatThrownBy(() -> payments.confirm(id("dep"), "other-bank", "other-1", NOW))
                .isInstanceOfSatisfying(TandemException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("no payment " + id("dep"));
                });
        assertThatThrownBy(() -> payments.fail(id("nobody"), SIMULATOR, "DECLINED", NOW))
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.getMessage()).isEqualTo("no payment " + id("nobody")));
        refused(() -> payments.fail(id("dep"), "other-bank", "DECLINED", NOW), ErrorCode.PAYMENT_NOT_FOUND);

        assertThat(events(id("dep"))).hasSize(1);
        assertThat(payments.confirm(id("dep"), SIMULATOR, "sim-1", NOW)).isEqualTo(PaymentStatus.CONFIRMED);
    }

    @Test
    void anAnswerForAnUnknownPaymentIsNotFound() {
        refused(() -> payments.confirm(id("nobody"), SIMULATOR, "sim-1", NOW), ErrorCode.PAYMENT_NOT_FOUND);
        refused(() -> payments.fail(id("nobody"), SIMULATOR, "DECLINED", NOW), ErrorCode.PAYMENT_NOT_FOUND);
    }
}
