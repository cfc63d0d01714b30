package io.tandem.command.account;

import io.tandem.contracts.account.*;
import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.PaymentId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tandem.command.account.AccountFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Transfers between a user's account and a COPY account, holdings, and what a COPY account refuses. */
class AccountTransferTest {

    static final AccountId COPY_ACCOUNT = AccountId.of("copy-acc");
    static final Symbol BETA = Symbol.of("BETA");

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    private static AccountOpenedEvent copyOpened() {
        return new AccountOpenedEvent(ACCOUNT, ALICE, AccountType.COPY);
    }

    private static TransferOutCommand out(String transferId, Long cents, boolean withPositions) {
        return new TransferOutCommand(ACCOUNT, transferId, COPY_ACCOUNT, cents == null ? null : Cash.ofCents(cents),
                withPositions, ALICE);
    }

    private static AssetsTransferredOutEvent transferredOut(String transferId, long cents, List<Holding> positions) {
        return new AssetsTransferredOutEvent(ACCOUNT, transferId, COPY_ACCOUNT, Cash.ofCents(cents), positions);
    }

    private static AssetsTransferredInEvent transferredIn(String transferId, long cents, List<Holding> positions) {
        return new AssetsTransferredInEvent(ACCOUNT, transferId, COPY_ACCOUNT, Cash.ofCents(cents), positions);
    }

    @Test
    void theOwnerTransfersAvailableCashOutAndGetsTheEventBack() {
        fixture.given(opened(), deposited("adj-1", 1_000))
                .when(out("t-1", 400L, false))
                .expectEvents(transferredOut("t-1", 400, List.of()))
                .expectResultMessagePayload(transferredOut("t-1", 400, List.of()));
    }

    @Test
    void aRepeatedTransferOutAnswersTheFirstAndMovesNothing() {
        fixture.given(opened(), deposited("adj-1", 1_000), transferredOut("t-1", 400, List.of()))
                .when(out("t-1", 400L, false))
                .expectNoEvents()
                .expectResultMessagePayload(transferredOut("t-1", 400, List.of()));
    }

    @Test
    void transferringMoreThanAvailableIsRefused() {
        fixture.given(opened(), deposited("adj-1", 1_000), cashReserved(700))
                .when(out("t-1", 301L, false))
                .expectException(refusedWith(ErrorCode.INSUFFICIENT_FUNDS));
    }

    @Test
    void aZeroOrNegativeTransferIsMalformed() {
        fixture.given(opened(), deposited("adj-1", 1_000))
                .when(out("t-1", 0L, false))
                .expectException(refusedWith(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void onlyTheOwnerMayTransferOutAndToAnyoneElseTheAccountDoesNotExist() {
        fixture.given(opened(), deposited("adj-1", 1_000))
                .when(new TransferOutCommand(ACCOUNT, "t-1", COPY_ACCOUNT, Cash.ofCents(1), false, MALLORY))
                .expectException(refusedWith(ErrorCode.ACCOUNT_NOT_FOUND));
    }

    @Test
    void theFeeAccountTakesPartInNoTransfer() {
        fixture.given(new AccountOpenedEvent(ACCOUNT, ALICE, AccountType.FEE), deposited("adj-1", 1_000))
                .when(out("t-1", 1L, false))
                .expectException(refusedWith(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void transferringEverythingTakesAllCashAndEveryNonZeroPosition() {
        fixture.given(copyOpened(),
                        transferredIn("t-1", 1_000, List.of(new Holding(BETA, Quantity.ofLots(3)), new Holding(ACME, Quantity.ofLots(5)))),
                        transferredOut("t-0", 0, List.of(new Holding(BETA, Quantity.ofLots(3)))))
                .when(out("t-2", null, true))
                .expectEvents(transferredOut("t-2", 1_000, List.of(new Holding(ACME, Quantity.ofLots(5)))));
    }

    @Test
    void transferringEverythingWhileAnOrderHoldsAReservationIsRefused() {
        fixture.given(copyOpened(), transferredIn("t-1", 1_000, List.of()), cashReserved(100))
                .when(out("t-2", null, true))
                .expectException(refusedWith(ErrorCode.COPY_ACCOUNT_MANAGED));
    }

    @Test
    void transferredInCashAndPositionsBecomeAvailable() {
        fixture.given(copyOpened(), transferredIn("t-1", 1_000, List.of(new Holding(ACME, Quantity.ofLots(5)))))
                .when(new ReservePositionCommand(ACCOUNT, ALICE, ORDER, ACME, Quantity.ofLots(5), true))
                .expectEvents(positionReserved(5));
    }

    @Test
    void aRepeatedTransferInChangesNothing() {
        fixture.given(copyOpened(), transferredIn("t-1", 1_000, List.of()))
                .when(new TransferInCommand(ACCOUNT, "t-1", COPY_ACCOUNT, Cash.ofCents(1_000), List.of()))
                .expectNoEvents();
    }

    @Test
    void aTransferInIsApplied() {
        fixture.given(copyOpened())
                .when(new TransferInCommand(ACCOUNT, "t-1", COPY_ACCOUNT, Cash.ofCents(1_000), List.of()))
                .expectEvents(transferredIn("t-1", 1_000, List.of()));
    }

    @Test
    void aCopyAccountRefusesOrdersNotSentByTheCopyEngine() {
        fixture.given(copyOpened(), transferredIn("t-1", 1_000, List.of()))
                .when(reserveCash(100))
                .expectException(refusedWith(ErrorCode.COPY_ACCOUNT_MANAGED));
    }

    @Test
    void aCopyAccountRefusesSellOrdersNotSentByTheCopyEngine() {
        fixture.given(copyOpened(), transferredIn("t-1", 0, List.of(new Holding(ACME, Quantity.ofLots(5)))))
                .when(reservePosition(1))
                .expectException(refusedWith(ErrorCode.COPY_ACCOUNT_MANAGED));
    }

    @Test
    void aCopyAccountTakesOrdersFromTheCopyEngine() {
        fixture.given(copyOpened(), transferredIn("t-1", 1_000, List.of()))
                .when(new ReserveCashCommand(ACCOUNT, ALICE, ORDER, ACME, Cash.ofCents(100), true))
                .expectEvents(cashReserved(100));
    }

    @Test
    void aCopyAccountRefusesDeposits() {
        fixture.given(copyOpened())
                .when(new AcceptDepositCommand(ACCOUNT, PaymentId.of("pay-1"), ALICE, Cash.ofCents(100)))
                .expectException(refusedWith(ErrorCode.COPY_ACCOUNT_MANAGED));
    }

    @Test
    void aCopyAccountRefusesWithdrawals() {
        fixture.given(copyOpened(), transferredIn("t-1", 1_000, List.of()))
                .when(new ReserveWithdrawalCommand(ACCOUNT, PaymentId.of("pay-1"), ALICE, Cash.ofCents(100)))
                .expectException(refusedWith(ErrorCode.COPY_ACCOUNT_MANAGED));
    }

    @Test
    void aCopyAccountRefusesCashAdjustments() {
        fixture.given(copyOpened())
                .when(adjust("adj-1", 100))
                .expectException(refusedWith(ErrorCode.COPY_ACCOUNT_MANAGED));
    }

    @Test
    void holdingsShowAvailableAndReservedBalancesAndChangeNothing() {
        AccountHoldings expected = new AccountHoldings(ACCOUNT, ALICE, AccountType.TRADING, Cash.ofCents(3_500),
                Cash.ofCents(1_500), List.of(new Holding(ACME, Quantity.ofLots(6)), new Holding(BETA, Quantity.ofLots(2))),
                List.of(new Holding(ACME, Quantity.ofLots(4))), 2);
        fixture.given(opened(), deposited("adj-1", 5_000), issued(10),
                        new SupplyIssuedEvent(ACCOUNT, BETA, Quantity.ofLots(2)),
                        new CashReservedEvent(ACCOUNT, OrderId.of("buy-1"), ACME, Cash.ofCents(1_200)),
                        positionReserved(4),
                        new WithdrawalReservedEvent(ACCOUNT, PaymentId.of("pay-1"), Cash.ofCents(300)))
                .when(new DescribeHoldingsCommand(ACCOUNT))
                .expectNoEvents()
                .expectResultMessagePayload(expected);
    }

    @Test
    void aTransferPairConservesCashAndPositions() {
        FixtureConfiguration<Account> target = new AggregateTestFixture<>(Account.class);
        fixture.given(opened(), deposited("adj-1", 1_000), issued(7))
                .when(out("t-1", 250L, true))
                .expectEvents(transferredOut("t-1", 250, List.of(new Holding(ACME, Quantity.ofLots(7)))));
        AccountHoldings after = describe(fixture, new Object[]{opened(), deposited("adj-1", 1_000), issued(7),
                transferredOut("t-1", 250, List.of(new Holding(ACME, Quantity.ofLots(7))))});
        AccountHoldings arrived = describe(target, new Object[]{new AccountOpenedEvent(ACCOUNT, ALICE, AccountType.COPY),
                transferredIn("t-1", 250, List.of(new Holding(ACME, Quantity.ofLots(7))))});
        assertThat(after.availableCash().plus(arrived.availableCash())).isEqualTo(Cash.ofCents(1_000));
        assertThat(after.positions()).isEmpty();
        assertThat(arrived.positions()).containsExactly(new Holding(ACME, Quantity.ofLots(7)));
    }

    private static AccountHoldings describe(FixtureConfiguration<Account> on, Object[] history) {
        AccountHoldings[] answer = new AccountHoldings[1];
        on.given(history).when(new DescribeHoldingsCommand(ACCOUNT))
                .expectResultMessagePayloadMatching(new org.hamcrest.TypeSafeMatcher<Object>() {
                    @Override
                    protected boolean matchesSafely(Object item) {
                        answer[0] = (AccountHoldings) item;
                        return true;
                    }

                    @Override
                    public void describeTo(org.hamcrest.Description description) {
                        description.appendText("holdings");
                    }
                });
        return answer[0];
    }

    @Test
    void anAccountRemembersOnlyItsLastTransfersInTheOrderTheyHappened() {
        List<Object> history = new java.util.ArrayList<>();
        history.add(opened());
        history.add(deposited("adj-1", 1_000_000));
        for (int i = 0; i <= Account.REMEMBERED_TRANSFERS; i++) {
            history.add(transferredOut("out-" + i, 1, List.of()));
            history.add(transferredIn("in-" + i, 1, List.of()));
        }
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        fixture.given(history)
                .when(out("out-1", 1L, false))
                .expectNoEvents()
                .expectResultMessagePayload(transferredOut("out-1", 1, List.of()))
                .expectState(account -> {
                    try {
                        String json = mapper.writeValueAsString(account);
                        // out-0 and in-0, the oldest of 65, are forgotten; the snapshot keeps the rest in order
                        assertThat(json).doesNotContain("\"out-0\"").doesNotContain("\"in-0\"").contains("\"out-1\"", "\"in-64\"");
                        assertThat(json.indexOf("\"in-1\"")).isLessThan(json.indexOf("\"in-64\""));
                        Account restored = mapper.readValue(json, Account.class);
                        assertThat(restored).usingRecursiveComparison().isEqualTo(account);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
