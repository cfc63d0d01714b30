package io.tandem.projection.ledger;

import io.tandem.contracts.account.*;
import io.tandem.contracts.common.*;
import io.tandem.contracts.ledger.FindLedgerQuery;
import io.tandem.contracts.ledger.InstrumentLedgerView;
import io.tandem.contracts.ledger.LedgerView;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.projection.marketdata.InstrumentProjector;
import io.tandem.projection.portfolio.AccountProjector;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tandem.projection.support.TestEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

class LedgerQueryHandlerTest extends MongoReadModelTest {

    private static final AccountId BUYER = AccountId.of("acc-buyer");
    private static final AccountId FEES = AccountId.of("platform-fees");
    private static final TradeId T1 = TradeId.of("t-1");

    private AccountProjector accounts;
    private LedgerQueryHandler ledger;

    @BeforeEach
    void setUp() {
        InstrumentFormats catalog = new InstrumentFormats(database);
        new InstrumentProjector(catalog).on(acmeListed("1000"));
        accounts = new AccountProjector(database);
        ledger = new LedgerQueryHandler(database, catalog);
        accounts.on(new AccountOpenedEvent(ISSUER, UserId.of("mm"), AccountType.TRADING), 0);
        accounts.on(new SupplyIssuedEvent(ISSUER, ACME, quantity("1000")), 1);
        accounts.on(new AccountOpenedEvent(FEES, UserId.of("platform"), AccountType.FEE), 0);
        accounts.on(new AccountOpenedEvent(BUYER, UserId.of("bob"), AccountType.TRADING), 0);
        accounts.on(new CashAdjustedEvent(BUYER, AdjustmentId.of("adj-1"), Cash.parse("100.00"), "deposit", UserId.of("admin")), 1);
    }

    /** The buyer buys 5 ACME from the issuer at 10.00; fees 0.10 and 0.05; one step of settlement may be left out. */
    private void settleTrade(boolean collectFees) {
        accounts.on(new CashReservedEvent(BUYER, OrderId.of("o-b"), ACME, Cash.parse("50.10")), 2);
        accounts.on(new PositionReservedEvent(ISSUER, OrderId.of("o-s"), ACME, quantity("5")), 2);
        accounts.on(new BuySettledEvent(BUYER, T1, OrderId.of("o-b"), ACME, quantity("5"), Cash.parse("50.00"), Cash.parse("0.10")), 3);
        accounts.on(new SellSettledEvent(ISSUER, T1, OrderId.of("o-s"), ACME, quantity("5"), Cash.parse("50.00"), Cash.parse("0.05")), 3);
        if (collectFees) {
            accounts.on(new FeesCollectedEvent(FEES, T1, Cash.parse("0.15")), 1);
        }
    }

    @Test
    void aFullySettledTradeKeepsTheLedgerBalanced() {
        settleTrade(true);

        assertThat(ledger.find(new FindLedgerQuery())).isEqualTo(new LedgerView("100.00", "100.00", "0.00", "0.00", "0.15",
                List.of(new InstrumentLedgerView("ACME", "1000", "1000")), true));
    }

    @Test
    void cashThatWentMissingUnbalancesTheLedger() {
        settleTrade(false);

        LedgerView view = ledger.find(new FindLedgerQuery());

        assertThat(view.cashTotal()).isEqualTo("99.85");
        assertThat(view.balanced()).isFalse();
    }

    /** The buyer deposits 200.00 and withdraws 80.00 of it: the withdrawal is reserved, then debited or released. */
    private void depositAndReserveWithdrawal() {
        accounts.on(new DepositCreditedEvent(BUYER, PaymentId.of("dep-1"), Cash.parse("200.00")), 2);
        accounts.on(new WithdrawalReservedEvent(BUYER, PaymentId.of("wdr-1"), Cash.parse("80.00")), 3);
    }

    @Test
    void depositsAndDebitedWithdrawalsKeepTheLedgerBalanced() {
        depositAndReserveWithdrawal();
        accounts.on(new WithdrawalDebitedEvent(BUYER, PaymentId.of("wdr-1"), Cash.parse("80.00")), 4);

        assertThat(ledger.find(new FindLedgerQuery())).isEqualTo(new LedgerView("220.00", "100.00", "200.00", "80.00", "0.00",
                List.of(new InstrumentLedgerView("ACME", "1000", "1000")), true));
    }

    @Test
    void aWithdrawalInFlightStillCountsAsCash() {
        depositAndReserveWithdrawal();

        LedgerView view = ledger.find(new FindLedgerQuery());

        assertThat(view.cashTotal()).isEqualTo("300.00");
        assertThat(view.withdrawalsTotal()).isEqualTo("0.00");
        assertThat(view.balanced()).isTrue();
    }

    @Test
    void aReleasedWithdrawalLeavesNothingWithdrawn() {
        depositAndReserveWithdrawal();
        accounts.on(new WithdrawalReleasedEvent(BUYER, PaymentId.of("wdr-1"), Cash.parse("80.00")), 4);

        LedgerView view = ledger.find(new FindLedgerQuery());

        assertThat(view.cashTotal()).isEqualTo("300.00");
        assertThat(view.depositsTotal()).isEqualTo("200.00");
        assertThat(view.withdrawalsTotal()).isEqualTo("0.00");
        assertThat(view.balanced()).isTrue();
    }

    @Test
    void positionsThatDoNotMatchTheSupplyUnbalanceTheLedger() {
        accounts.on(new SupplyIssuedEvent(BUYER, ACME, quantity("1")), 2);

        LedgerView view = ledger.find(new FindLedgerQuery());

        assertThat(view.instruments()).containsExactly(new InstrumentLedgerView("ACME", "1000", "1001"));
        assertThat(view.balanced()).isFalse();
    }

    /**
     * A transfer conserves cash and positions; its halves are events of two accounts, which may be
     * applied in different batches: what left and has not arrived yet still counts.
     */
    @Test
    void aTransferKeepsTheLedgerBalancedAlsoHalfwayThrough() {
        AccountId copy = AccountId.of("copyacct-1");
        settleTrade(true);
        accounts.on(new AccountOpenedEvent(copy, UserId.of("bob"), AccountType.COPY), 0);

        accounts.on(new AssetsTransferredOutEvent(BUYER, "xfer-1", copy, Cash.parse("40.00"),
                List.of(new Holding(ACME, quantity("2")))), 4);

        LedgerView halfway = ledger.find(new FindLedgerQuery());
        assertThat(halfway.cashTotal()).isEqualTo("60.00");
        assertThat(halfway.instruments()).containsExactly(new InstrumentLedgerView("ACME", "1000", "998"));
        assertThat(halfway.balanced()).isTrue();

        accounts.on(new AssetsTransferredInEvent(copy, "xfer-1", BUYER, Cash.parse("40.00"),
                List.of(new Holding(ACME, quantity("2")))), 1);

        assertThat(ledger.find(new FindLedgerQuery())).isEqualTo(new LedgerView("100.00", "100.00", "0.00", "0.00", "0.15",
                List.of(new InstrumentLedgerView("ACME", "1000", "1000")), true));
    }

    @Test
    void aTransferThatArrivesWithMoreThanLeftUnbalancesTheLedger() {
        AccountId copy = AccountId.of("copyacct-1");
        settleTrade(true);
        accounts.on(new AssetsTransferredOutEvent(BUYER, "xfer-1", copy, Cash.parse("40.00"), List.of()), 4);
        accounts.on(new AssetsTransferredInEvent(copy, "xfer-1", BUYER, Cash.parse("40.01"), List.of()), 0);

        assertThat(ledger.find(new FindLedgerQuery()).balanced()).isFalse();
    }
}
