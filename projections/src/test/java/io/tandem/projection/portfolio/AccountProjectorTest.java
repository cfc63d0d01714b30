package io.tandem.projection.portfolio;

import io.tandem.contracts.account.*;
import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.portfolio.AccountView;
import io.tandem.contracts.portfolio.CashView;
import io.tandem.contracts.portfolio.FindAccountQuery;
import io.tandem.contracts.portfolio.PositionView;
import io.tandem.projection.marketdata.InstrumentProjector;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tandem.projection.support.TestEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

class AccountProjectorTest extends MongoReadModelTest {

    private static final AccountId ALICE = AccountId.of("acc-alice");
    private static final OrderId BUY = OrderId.of("o-buy");
    private static final OrderId SELL = OrderId.of("o-sell");
    private static final TradeId T1 = TradeId.of("t-1");

    private AccountProjector projector;
    private AccountQueryHandler queries;

    @BeforeEach
    void setUp() {
        InstrumentFormats catalog = new InstrumentFormats(database);
        new InstrumentProjector(catalog).on(acmeListed("1000"));
        projector = new AccountProjector(database);
        queries = new AccountQueryHandler(database, catalog);
    }

    private AccountView alice() {
        return queries.find(new FindAccountQuery(ALICE));
    }

    /** Alice deposits 100.00, buys 5 ACME at 10.00 (fee 0.10) and sells 2 of them at 10.00 (fee 0.05). */
    private void tradingSession() {
        projector.on(new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING), 0);
        projector.on(new CashAdjustedEvent(ALICE, AdjustmentId.of("adj-1"), Cash.parse("100.00"), "deposit", UserId.of("admin")), 1);
        projector.on(new CashReservedEvent(ALICE, BUY, ACME, Cash.parse("50.10")), 2);
        projector.on(new BuySettledEvent(ALICE, T1, BUY, ACME, quantity("5"), Cash.parse("50.00"), Cash.parse("0.10")), 3);
        projector.on(new PositionReservedEvent(ALICE, SELL, ACME, quantity("3")), 4);
        projector.on(new SellSettledEvent(ALICE, TradeId.of("t-2"), SELL, ACME, quantity("2"), Cash.parse("20.00"), Cash.parse("0.05")), 5);
    }

    @Test
    void anOpenedAccountHasItsOwnerTypeAndNoBalances() {
        projector.on(new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING), 0);

        assertThat(alice()).isEqualTo(new AccountView("acc-alice", "alice", "TRADING",
                new CashView("0.00", "0.00"), List.of()));
    }

    @Test
    void adjustmentsReservationsAndSettlementsMoveCashAndPositionsAsTheEventsSay() {
        tradingSession();

        AccountView view = alice();
        assertThat(view.cash()).isEqualTo(new CashView("69.85", "0.00"));
        assertThat(view.positions()).containsExactly(new PositionView("ACME", "2", "1"));
    }

    /**
     * 1.00 reserved for a buy that settles for 1.40 + 0.10: the Account aggregate takes the 0.50 beyond
     * the reservation from available cash (998.50 left, nothing reserved), and so must the read model.
     */
    @Test
    void aBuyShortfallComesOutOfAvailableCashAsInTheAggregate() {
        projector.on(new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING), 0);
        projector.on(new CashAdjustedEvent(ALICE, AdjustmentId.of("adj-1"), Cash.parse("1000.00"), "deposit", UserId.of("admin")), 1);
        projector.on(new CashReservedEvent(ALICE, BUY, ACME, Cash.parse("1.00")), 2);
        projector.on(new BuySettledEvent(ALICE, T1, BUY, ACME, quantity("1"), Cash.parse("1.40"), Cash.parse("0.10"),
                Cash.parse("0.50")), 3);

        assertThat(alice().cash()).isEqualTo(new CashView("998.50", "0.00"));

        projector.on(new ReservationReleasedEvent(ALICE, BUY, ACME, Cash.ZERO, Quantity.ZERO), 4);

        assertThat(alice().cash()).isEqualTo(new CashView("998.50", "0.00"));
        assertThat(alice().positions()).containsExactly(new PositionView("ACME", "1", "0"));
    }

    /** 5 reserved for a sell of which 8 settle: the 3 beyond the reservation come out of the available position. */
    @Test
    void aSellShortfallComesOutOfTheAvailablePositionAsInTheAggregate() {
        projector.on(new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING), 0);
        projector.on(new SupplyIssuedEvent(ALICE, ACME, quantity("10")), 1);
        projector.on(new PositionReservedEvent(ALICE, SELL, ACME, quantity("5")), 2);
        projector.on(new SellSettledEvent(ALICE, T1, SELL, ACME, quantity("8"), Cash.parse("80.00"), Cash.ZERO,
                quantity("3")), 3);

        assertThat(alice().cash()).isEqualTo(new CashView("80.00", "0.00"));
        assertThat(alice().positions()).containsExactly(new PositionView("ACME", "2", "0"));
    }

    @Test
    void releasedReservationsReturnToAvailable() {
        tradingSession();

        projector.on(new ReservationReleasedEvent(ALICE, SELL, ACME, Cash.ZERO, quantity("1")), 6);

        assertThat(alice().positions()).containsExactly(new PositionView("ACME", "3", "0"));
    }

    @Test
    void releasedCashLeavesPositionsAlone() {
        projector.on(new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING), 0);
        projector.on(new CashAdjustedEvent(ALICE, AdjustmentId.of("adj-1"), Cash.parse("100.00"), "deposit", UserId.of("admin")), 1);
        projector.on(new CashReservedEvent(ALICE, BUY, ACME, Cash.parse("50.10")), 2);

        projector.on(new ReservationReleasedEvent(ALICE, BUY, ACME, Cash.parse("50.10"), Quantity.ZERO), 3);

        assertThat(alice().cash()).isEqualTo(new CashView("100.00", "0.00"));
        assertThat(alice().positions()).isEmpty();
    }

    @Test
    void supplyAndFeesAreCredited() {
        projector.on(new AccountOpenedEvent(ISSUER, UserId.of("mm"), AccountType.TRADING), 0);
        projector.on(new SupplyIssuedEvent(ISSUER, ACME, quantity("1000")), 1);
        projector.on(new FeesCollectedEvent(ISSUER, T1, Cash.parse("0.15")), 2);

        AccountView issuer = queries.find(new FindAccountQuery(ISSUER));
        assertThat(issuer.cash()).isEqualTo(new CashView("0.15", "0.00"));
        assertThat(issuer.positions()).containsExactly(new PositionView("ACME", "1000", "0"));
    }

    @Test
    void replayingTheSameEventsTwiceChangesNothing() {
        tradingSession();
        AccountView once = alice();

        tradingSession();

        assertThat(alice()).isEqualTo(once);
    }

    @Test
    void aRedeliveredOlderEventIsIgnored() {
        tradingSession();
        AccountView before = alice();

        projector.on(new CashAdjustedEvent(ALICE, AdjustmentId.of("adj-1"), Cash.parse("100.00"), "deposit", UserId.of("admin")), 1);

        assertThat(alice()).isEqualTo(before);
    }

    /** Alice has 100.00 credited from a deposit (its acceptance, sequence 1, has no balance effect) and asks to withdraw 30.00. */
    private void withdrawalReserved() {
        projector.on(new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING), 0);
        projector.on(depositAccepted(), 1);
        projector.on(new DepositCreditedEvent(ALICE, PaymentId.of("dep-1"), Cash.parse("100.00")), 2);
        projector.on(new WithdrawalReservedEvent(ALICE, PaymentId.of("wdr-1"), Cash.parse("30.00")), 3);
    }

    private static DepositAcceptedEvent depositAccepted() {
        return new DepositAcceptedEvent(ALICE, PaymentId.of("dep-1"), UserId.of("alice"), Cash.parse("100.00"));
    }

    @Test
    void aCreditedDepositBecomesAvailableCash() {
        projector.on(new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING), 0);
        projector.on(depositAccepted(), 1);

        projector.on(new DepositCreditedEvent(ALICE, PaymentId.of("dep-1"), Cash.parse("100.00")), 2);

        assertThat(alice().cash()).isEqualTo(new CashView("100.00", "0.00"));
    }

    @Test
    void aWithdrawalHoldsItsAmountAsReservedCash() {
        withdrawalReserved();

        assertThat(alice().cash()).isEqualTo(new CashView("70.00", "30.00"));
    }

    @Test
    void aDebitedWithdrawalLeavesTheAccount() {
        withdrawalReserved();

        projector.on(new WithdrawalDebitedEvent(ALICE, PaymentId.of("wdr-1"), Cash.parse("30.00")), 4);

        assertThat(alice().cash()).isEqualTo(new CashView("70.00", "0.00"));
    }

    @Test
    void aReleasedWithdrawalReturnsToAvailable() {
        withdrawalReserved();

        projector.on(new WithdrawalReleasedEvent(ALICE, PaymentId.of("wdr-1"), Cash.parse("30.00")), 4);

        assertThat(alice().cash()).isEqualTo(new CashView("100.00", "0.00"));
    }

    @Test
    void aRedeliveredCreditIsNotCountedTwice() {
        withdrawalReserved();

        projector.on(new DepositCreditedEvent(ALICE, PaymentId.of("dep-1"), Cash.parse("100.00")), 2);

        assertThat(alice().cash()).isEqualTo(new CashView("70.00", "30.00"));
    }

    @Test
    void anUnknownAccountIsNull() {
        assertThat(queries.find(new FindAccountQuery(AccountId.of("nobody")))).isNull();
    }

    @Test
    void resetClearsEveryAccount() {
        tradingSession();

        projector.reset();

        assertThat(alice()).isNull();
    }

    @Test
    void symbolsWithDotsAreStoredAsOnePosition() {
        Symbol brk = Symbol.of("BRK.B");
        new InstrumentProjector(new InstrumentFormats(database)).on(new InstrumentListedEvent(
                brk, new InstrumentSpec(brk, "Berkshire B", ACME_SPEC.tickSize(), ACME_SPEC.lotSize(),
                        ACME_SPEC.makerFeeRate(), ACME_SPEC.takerFeeRate(), ACME_SPEC.maxOrderQuantity(),
                        ACME_SPEC.maxOrderNotional(), ACME_SPEC.marketCollarRate()), ISSUER, quantity("10"), T0));
        projector.on(new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING), 0);

        projector.on(new SupplyIssuedEvent(ALICE, brk, quantity("10")), 1);

        assertThat(alice().positions()).containsExactly(new PositionView("BRK.B", "10", "0"));
    }

    /** 60.00 and 1 ACME of Alice's go to a COPY account and come back: available balances move, reserved ones stay. */
    @Test
    void aTransferMovesAvailableCashAndPositionsBetweenAccounts() {
        AccountId copy = AccountId.of("copyacct-1");
        tradingSession();
        projector.on(new AccountOpenedEvent(copy, UserId.of("alice"), AccountType.COPY), 0);

        projector.on(new AssetsTransferredOutEvent(ALICE, "xfer-1", copy, Cash.parse("60.00"),
                List.of(new Holding(ACME, quantity("1")))), 6);
        projector.on(new AssetsTransferredInEvent(copy, "xfer-1", ALICE, Cash.parse("60.00"),
                List.of(new Holding(ACME, quantity("1")))), 1);

        assertThat(alice().cash()).isEqualTo(new CashView("9.85", "0.00"));
        assertThat(alice().positions()).containsExactly(new PositionView("ACME", "1", "1"));
        AccountView copyAccount = queries.find(new FindAccountQuery(copy));
        assertThat(copyAccount.type()).isEqualTo("COPY");
        assertThat(copyAccount.cash()).isEqualTo(new CashView("60.00", "0.00"));
        assertThat(copyAccount.positions()).containsExactly(new PositionView("ACME", "1", "0"));

        projector.on(new AssetsTransferredOutEvent(copy, "xfer-2", ALICE, Cash.parse("60.00"),
                List.of(new Holding(ACME, quantity("1")))), 2);
        projector.on(new AssetsTransferredInEvent(ALICE, "xfer-2", copy, Cash.parse("60.00"),
                List.of(new Holding(ACME, quantity("1")))), 7);
        // redelivered: applied once
        projector.on(new AssetsTransferredInEvent(ALICE, "xfer-2", copy, Cash.parse("60.00"),
                List.of(new Holding(ACME, quantity("1")))), 7);

        assertThat(alice().cash()).isEqualTo(new CashView("69.85", "0.00"));
        assertThat(alice().positions()).containsExactly(new PositionView("ACME", "2", "1"));
        assertThat(queries.find(new FindAccountQuery(copy)).positions()).isEmpty();
    }
}
