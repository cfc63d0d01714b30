package io.tandem.infra.audit.ledger;

import io.tandem.contracts.account.*;
import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.payment.PaymentConfirmedEvent;
import io.tandem.contracts.payment.PaymentDirection;
import io.tandem.contracts.payment.PaymentId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger fold over hand-built histories: one trade between an issuer and a buyer, settled in
 * full, in part (in flight, not a difference) or with a leg that does not match its trade.
 */
class LedgerFoldTest {

    private static final AccountId FEES = AccountId.of("platform-fees");
    private static final AccountId ISSUER = AccountId.of("issuer");
    private static final AccountId BUYER = AccountId.of("buyer");
    private static final Symbol ACME = Symbol.of("ACME");
    private static final TradeId TRADE = TradeId.of(ACME, 1);
    private static final OrderId BID = OrderId.of("bid");
    private static final OrderId ASK = OrderId.of("ask");

    private final LedgerFold fold = new LedgerFold();
    private long index;

    private void given(Object... events) {
        for (Object event : events) {
            fold.fold(index++, event);
        }
    }

    /** Accounts open, 1,000 lots issued, the buyer funded with 100.00, both orders reserve, and they trade 10 lots. */
    private void aTrade() {
        given(new AccountOpenedEvent(FEES, UserId.of("platform"), AccountType.FEE),
                new AccountOpenedEvent(ISSUER, UserId.of("acme"), AccountType.TRADING),
                new AccountOpenedEvent(BUYER, UserId.of("bob"), AccountType.TRADING),
                new SupplyIssuedEvent(ISSUER, ACME, Quantity.ofLots(1000)),
                new CashAdjustedEvent(BUYER, AdjustmentId.of("fund"), Cash.ofCents(10_000), "fund", UserId.of("admin")),
                new PositionReservedEvent(ISSUER, ASK, ACME, Quantity.ofLots(10)),
                new CashReservedEvent(BUYER, BID, ACME, Cash.ofCents(1010)),
                new TradeExecutedEvent(ACME, TRADE, Price.ofTicks(100), Quantity.ofLots(10), Side.BUY, ASK, BID, BUYER, BID,
                        ISSUER, ASK, Cash.ofCents(1000), Cash.ofCents(2), Cash.ofCents(1000), Cash.ofCents(2), true, true,
                        Instant.EPOCH));
    }

    private BuySettledEvent buyLeg(long notional) {
        return new BuySettledEvent(BUYER, TRADE, BID, ACME, Quantity.ofLots(10), Cash.ofCents(notional), Cash.ofCents(2));
    }

    private SellSettledEvent sellLeg(long lots) {
        return new SellSettledEvent(ISSUER, TRADE, ASK, ACME, Quantity.ofLots(lots), Cash.ofCents(1000), Cash.ofCents(2));
    }

    private static FeesCollectedEvent fees(long cents) {
        return new FeesCollectedEvent(FEES, TRADE, Cash.ofCents(cents));
    }

    @Test
    void aFullySettledTradeBalancesCashAndPositions() {
        aTrade();
        given(buyLeg(1000), sellLeg(10), fees(4),
                new ReservationReleasedEvent(BUYER, BID, ACME, Cash.ofCents(8), Quantity.ZERO));

        LedgerReport report = fold.report(index - 1);

        assertThat(report.ok()).as(report.human()).isTrue();
        assertThat(report.cashTotal()).isEqualTo("100.00");
        assertThat(report.adjustmentsTotal()).isEqualTo("100.00");
        assertThat(report.feesTotal()).isEqualTo("0.04");
        assertThat(report.cashInFlight()).isEqualTo("0.00");
        assertThat(report.tradesInFlight()).isZero();
        assertThat(report.instruments()).singleElement().satisfies(instrument -> {
            assertThat(instrument.symbol()).isEqualTo("ACME");
            assertThat(instrument.supplyLots()).isEqualTo(1000);
            assertThat(instrument.positionsLots()).isEqualTo(1000);
            assertThat(instrument.balanced()).isTrue();
        });
        assertThat(report.differences()).isEmpty();
    }

    @Test
    void aTradeWithOnlyTheBuyLegSettledIsInFlightNotADifference() {
        aTrade();
        given(buyLeg(1000));

        LedgerReport report = fold.report(index - 1);

        assertThat(report.ok()).as(report.human()).isTrue();
        assertThat(report.tradesInFlight()).isEqualTo(1);
        assertThat(report.cashInFlight()).isEqualTo("10.02");
        assertThat(report.cashTotal()).isEqualTo("89.98");
        assertThat(report.cashExpected()).isEqualTo("89.98");
        assertThat(report.instruments()).singleElement().satisfies(instrument -> {
            assertThat(instrument.positionsLots()).isEqualTo(1010);
            assertThat(instrument.inFlightLots()).isEqualTo(-10);
            assertThat(instrument.balanced()).isTrue();
        });
    }

    @Test
    void aBuyLegThatDoesNotMatchItsTradeIsReportedOnTheBuyersAccount() {
        aTrade();
        given(buyLeg(1005), sellLeg(10), fees(4));

        LedgerReport report = fold.report(index - 1);

        assertThat(report.ok()).isFalse();
        assertThat(report.differences()).extracting(LedgerReport.Difference::kind)
                .containsExactly("SETTLEMENT_MISMATCH", "CASH_NOT_CONSERVED");
        LedgerReport.Difference leg = report.differences().get(0);
        assertThat(leg.accountId()).isEqualTo("buyer");
        assertThat(leg.symbol()).isEqualTo("ACME");
        assertThat(leg.reference()).isEqualTo("ACME-1");
        assertThat(leg.expected()).isEqualTo(1002);
        assertThat(leg.found()).isEqualTo(1007);
        assertThat(leg.globalIndex()).isEqualTo(8);
        assertThat(leg.causeIndex()).isEqualTo(7);
        assertThat(report.accounts()).singleElement().satisfies(account -> {
            assertThat(account.accountId()).isEqualTo("buyer");
            assertThat(account.cashFound()).isEqualTo("89.93");
            assertThat(account.cashExpected()).isEqualTo("89.98");
        });
        assertThat(report.human()).contains("SETTLEMENT_MISMATCH buyer ACME ACME-1: expected 1002 cents, found 1007");
    }

    @Test
    void aSellLegOfAnotherQuantityUnbalancesTheInstrument() {
        aTrade();
        given(buyLeg(1000), sellLeg(7), fees(4));

        LedgerReport report = fold.report(index - 1);

        assertThat(report.ok()).isFalse();
        assertThat(report.differences()).extracting(LedgerReport.Difference::kind, LedgerReport.Difference::accountId,
                        LedgerReport.Difference::unit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SETTLEMENT_MISMATCH", "issuer", "lots"),
                        org.assertj.core.groups.Tuple.tuple("POSITIONS_NOT_CONSERVED", null, "lots"));
        assertThat(report.instruments()).singleElement().satisfies(instrument -> {
            assertThat(instrument.positionsLots()).isEqualTo(1003);
            assertThat(instrument.balanced()).isFalse();
        });
        assertThat(report.accounts()).singleElement().satisfies(account ->
                assertThat(account.positions()).containsExactly(new LedgerReport.Lots("ACME", 993, 990)));
    }

    @Test
    void feesThatAreNotTheTradesPlatformCreditAreReportedOnTheFeeAccount() {
        aTrade();
        given(buyLeg(1000), sellLeg(10), fees(5));

        LedgerReport report = fold.report(index - 1);

        assertThat(report.differences()).first().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo("FEES_MISMATCH");
            assertThat(difference.accountId()).isEqualTo("platform-fees");
            assertThat(difference.expected()).isEqualTo(4);
            assertThat(difference.found()).isEqualTo(5);
        });
    }

    /** Accounts open, 1,000 lots issued, the buyer funded with 100.00, both orders reserve enough for every trade below. */
    private void aBook() {
        given(new AccountOpenedEvent(FEES, UserId.of("platform"), AccountType.FEE),
                new AccountOpenedEvent(ISSUER, UserId.of("acme"), AccountType.TRADING),
                new AccountOpenedEvent(BUYER, UserId.of("bob"), AccountType.TRADING),
                new SupplyIssuedEvent(ISSUER, ACME, Quantity.ofLots(1000)),
                new CashAdjustedEvent(BUYER, AdjustmentId.of("fund"), Cash.ofCents(10_000), "fund", UserId.of("admin")),
                new PositionReservedEvent(ISSUER, ASK, ACME, Quantity.ofLots(100)),
                new CashReservedEvent(BUYER, BID, ACME, Cash.ofCents(9_000)));
    }

    /** Trade {@code sequence} of 10 lots for 10.00, each side paying {@code fee} cents (platform credit twice that), both legs settled. */
    private void aSettledTrade(long sequence, long fee) {
        TradeId id = TradeId.of(ACME, sequence);
        given(new TradeExecutedEvent(ACME, id, Price.ofTicks(100), Quantity.ofLots(10), Side.BUY, ASK, BID, BUYER, BID,
                        ISSUER, ASK, Cash.ofCents(1000), Cash.ofCents(fee), Cash.ofCents(1000), Cash.ofCents(fee), false, false,
                        Instant.EPOCH),
                new BuySettledEvent(BUYER, id, BID, ACME, Quantity.ofLots(10), Cash.ofCents(1000), Cash.ofCents(fee)),
                new SellSettledEvent(ISSUER, id, ASK, ACME, Quantity.ofLots(10), Cash.ofCents(1000), Cash.ofCents(fee)));
    }

    private static FeesCollectedEvent feeRun(long first, long last, long cents) {
        return new FeesCollectedEvent(FEES, TradeId.of(ACME, first), TradeId.of(ACME, last), Cash.ofCents(cents));
    }

    @Test
    void tradesThatCreditThePlatformNothingNeedNoFeeRunAndLeaveNothingInFlight() {
        aBook();
        aSettledTrade(1, 0);
        aSettledTrade(2, 0);

        LedgerReport report = fold.report(index - 1);

        assertThat(report.ok()).as(report.human()).isTrue();
        assertThat(report.tradesInFlight()).isZero();
        assertThat(report.cashInFlight()).isEqualTo("0.00");
        assertThat(report.feesTotal()).isEqualTo("0.00");
    }

    @Test
    void aFeeRunOverTradesThatCreditNothingBesideTradesThatDoBalances() {
        aBook();
        aSettledTrade(1, 2);
        aSettledTrade(2, 0);
        aSettledTrade(3, 0);
        aSettledTrade(4, 1);
        given(feeRun(1, 4, 6));
        aSettledTrade(5, 0);
        aSettledTrade(6, 3);
        given(feeRun(6, 6, 6));

        LedgerReport report = fold.report(index - 1);

        assertThat(report.ok()).as(report.human()).isTrue();
        assertThat(report.tradesInFlight()).isZero();
        assertThat(report.cashInFlight()).isEqualTo("0.00");
        assertThat(report.feesTotal()).isEqualTo("0.12");
    }

    @Test
    void aFeeRunThatCollectsATradeAgainIsAFeesMismatch() {
        aBook();
        aSettledTrade(1, 2);
        given(feeRun(1, 1, 4));
        aSettledTrade(2, 0);
        aSettledTrade(3, 2);
        given(feeRun(1, 3, 8));

        LedgerReport report = fold.report(index - 1);

        assertThat(report.ok()).isFalse();
        assertThat(report.differences()).first().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo("FEES_MISMATCH");
            assertThat(difference.accountId()).isEqualTo("platform-fees");
            assertThat(difference.reference()).isEqualTo("ACME-1..ACME-3");
            assertThat(difference.expected()).isEqualTo(4);
            assertThat(difference.found()).isEqualTo(8);
            assertThat(difference.detail()).contains("1 of the run's trades were collected before");
        });
    }

    @Test
    void aFeeRunThatStartsOnATradeThatCreditedNothingAndWasCollectedAlreadyIsAFeesMismatch() {
        aBook();
        aSettledTrade(1, 2);
        aSettledTrade(2, 0);
        given(feeRun(1, 2, 4));
        aSettledTrade(3, 2);
        given(feeRun(2, 3, 4));

        assertThat(fold.report(index - 1).differences()).first().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo("FEES_MISMATCH");
            assertThat(difference.detail()).contains("1 of the run's trades were collected before");
        });
    }

    /** A fee of one trade alone, as the saga-based settlement collected them (revision 1, read as a run of one). */
    private static FeesCollectedEvent tradeFee(long sequence, long cents) {
        return new FeesCollectedEvent(FEES, TradeId.of(ACME, sequence), Cash.ofCents(cents));
    }

    @Test
    void aSagaEraTradeFeeCollectedAfterALaterTradesBalances() {
        aBook();
        aSettledTrade(1, 2);
        aSettledTrade(2, 3);
        aSettledTrade(3, 1);
        given(tradeFee(2, 6), tradeFee(3, 2), tradeFee(1, 4));

        LedgerReport report = fold.report(index - 1);

        assertThat(report.ok()).as(report.human()).isTrue();
        assertThat(report.differences()).isEmpty();
        assertThat(report.tradesInFlight()).isZero();
        assertThat(report.cashInFlight()).isEqualTo("0.00");
        assertThat(report.feesTotal()).isEqualTo("0.12");
    }

    @Test
    void aSagaEraTradeFeeCollectedOutOfOrderAndThenAgainIsAFeesMismatch() {
        aBook();
        aSettledTrade(1, 2);
        aSettledTrade(2, 3);
        given(tradeFee(2, 6), tradeFee(1, 4), tradeFee(1, 4));

        LedgerReport report = fold.report(index - 1);

        assertThat(report.ok()).isFalse();
        assertThat(report.differences()).first().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo("FEES_MISMATCH");
            assertThat(difference.reference()).isEqualTo("ACME-1..ACME-1");
            assertThat(difference.globalIndex()).isEqualTo(index - 1);
            assertThat(difference.expected()).isZero();
            assertThat(difference.found()).isEqualTo(4);
            assertThat(difference.detail()).contains("1 of the run's trades were collected before");
        });
    }

    @Test
    void aFeeRunReachingBackOverAnUnpaidTradeAndAPaidOneCollectsThePaidOneAgain() {
        aBook();
        aSettledTrade(1, 2);
        aSettledTrade(2, 3);
        given(tradeFee(2, 6), feeRun(1, 2, 10));

        LedgerReport report = fold.report(index - 1);

        assertThat(report.ok()).isFalse();
        assertThat(report.differences()).first().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo("FEES_MISMATCH");
            assertThat(difference.reference()).isEqualTo("ACME-1..ACME-2");
            assertThat(difference.expected()).isEqualTo(4);
            assertThat(difference.found()).isEqualTo(10);
            assertThat(difference.detail()).isEqualTo("1 of the run's trades were collected before");
        });
        assertThat(report.tradesInFlight()).isZero();
    }

    @Test
    void aFeeRunOverATradeNeverExecutedIsAFeesMismatch() {
        aBook();
        aSettledTrade(1, 0);
        aSettledTrade(2, 2);
        given(feeRun(2, 3, 4));

        LedgerReport report = fold.report(index - 1);

        assertThat(report.ok()).isFalse();
        assertThat(report.differences()).first().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo("FEES_MISMATCH");
            assertThat(difference.reference()).isEqualTo("ACME-2..ACME-3");
            assertThat(difference.expected()).isEqualTo(4);
            assertThat(difference.found()).isEqualTo(4);
            assertThat(difference.detail()).contains("1 of the run's trades were never executed");
        });
    }

    @Test
    void paymentsInFlightAreNoDifferenceAndABookingWithoutConfirmationIs() {
        PaymentId deposit = PaymentId.of("dep-1");
        PaymentId withdrawal = PaymentId.of("wd-1");
        given(new AccountOpenedEvent(BUYER, UserId.of("bob"), AccountType.TRADING),
                new PaymentConfirmedEvent(deposit, BUYER, PaymentDirection.DEPOSIT, Cash.ofCents(500), "ref", Instant.EPOCH),
                new DepositCreditedEvent(BUYER, deposit, Cash.ofCents(500)),
                new WithdrawalReservedEvent(BUYER, withdrawal, Cash.ofCents(200)),
                new PaymentConfirmedEvent(withdrawal, BUYER, PaymentDirection.WITHDRAWAL, Cash.ofCents(200), "ref", Instant.EPOCH));

        LedgerReport inFlight = fold.report(index - 1);

        assertThat(inFlight.ok()).as(inFlight.human()).isTrue();
        assertThat(inFlight.paymentsInFlight()).isEqualTo(1);
        assertThat(inFlight.cashTotal()).isEqualTo("5.00");

        given(new WithdrawalDebitedEvent(BUYER, withdrawal, Cash.ofCents(200)),
                new DepositCreditedEvent(BUYER, PaymentId.of("forged"), Cash.ofCents(1_000)));
        LedgerReport forged = fold.report(index - 1);

        assertThat(forged.withdrawalsTotal()).isEqualTo("2.00");
        assertThat(forged.differences()).extracting(LedgerReport.Difference::kind, LedgerReport.Difference::reference)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PAYMENT_NOT_CONFIRMED", "forged"));
    }

    @Test
    void transfersBalanceAcrossTheirHalvesAndOneHalfIsInFlight() {
        AccountId copy = AccountId.of("copy");
        given(new AccountOpenedEvent(BUYER, UserId.of("bob"), AccountType.TRADING),
                new AccountOpenedEvent(copy, UserId.of("bob"), AccountType.COPY),
                new CashAdjustedEvent(BUYER, AdjustmentId.of("fund"), Cash.ofCents(10_000), "fund", UserId.of("admin")),
                new AssetsTransferredOutEvent(BUYER, "t1", copy, Cash.ofCents(3_000), List.of()));

        assertThat(fold.report(index - 1)).satisfies(report -> {
            assertThat(report.ok()).as(report.human()).isTrue();
            assertThat(report.transfersInFlight()).isEqualTo(1);
            assertThat(report.cashInFlight()).isEqualTo("30.00");
        });

        given(new AssetsTransferredInEvent(copy, "t1", BUYER, Cash.ofCents(3_001), List.of()));

        assertThat(fold.report(index - 1).differences()).first().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo("TRANSFER_MISMATCH");
            assertThat(difference.accountId()).isEqualTo("copy");
            assertThat(difference.expected()).isEqualTo(3_000);
            assertThat(difference.found()).isEqualTo(3_001);
        });
    }

    @Test
    void anIssuedSupplyOtherThanTheListingsIsReported() {
        InstrumentSpec spec = new InstrumentSpec(ACME, "Acme", new BigDecimal("0.01"), new BigDecimal("0.0001"),
                new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(1_000_000), Cash.ofCents(100_000_000),
                new BigDecimal("0.1"));
        given(new AccountOpenedEvent(ISSUER, UserId.of("acme"), AccountType.TRADING),
                new SupplyIssuedEvent(ISSUER, ACME, Quantity.ofLots(900)),
                new InstrumentListedEvent(ACME, spec, ISSUER, Quantity.ofLots(1000), Instant.EPOCH));

        LedgerReport report = fold.report(index - 1);

        assertThat(report.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo("SUPPLY_NOT_AS_LISTED");
            assertThat(difference.accountId()).isEqualTo("issuer");
            assertThat(difference.expected()).isEqualTo(1000);
            assertThat(difference.found()).isEqualTo(900);
        });
        assertThat(report.instruments()).singleElement().satisfies(instrument ->
                assertThat(instrument.supply()).isEqualTo("0.09"));
    }

    @Test
    void availableCashBelowZeroIsReported() {
        given(new AccountOpenedEvent(BUYER, UserId.of("bob"), AccountType.TRADING),
                new CashReservedEvent(BUYER, BID, ACME, Cash.ofCents(1)));

        assertThat(fold.report(index - 1).differences()).extracting(LedgerReport.Difference::kind)
                .startsWith("NEGATIVE_CASH");
    }
}
