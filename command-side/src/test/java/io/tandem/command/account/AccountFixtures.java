package io.tandem.command.account;

import io.tandem.contracts.account.*;
import io.tandem.contracts.common.*;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Shared ids, events and matchers for the account fixture tests. */
final class AccountFixtures {

    static final AccountId ACCOUNT = AccountId.of("acc-alice");
    static final UserId ALICE = UserId.of("alice");
    static final UserId MALLORY = UserId.of("mallory");
    static final UserId ADMIN = UserId.of("admin");
    static final Symbol ACME = Symbol.of("ACME");
    static final OrderId ORDER = OrderId.of("order-1");
    static final TradeId TRADE = TradeId.of(ACME, 1);
    static final TradeId TRADE_2 = TradeId.of(ACME, 2);

    private AccountFixtures() {
    }

    static AccountOpenedEvent opened() {
        return new AccountOpenedEvent(ACCOUNT, ALICE, AccountType.TRADING);
    }

    static CashAdjustedEvent deposited(String adjustmentId, long cents) {
        return new CashAdjustedEvent(ACCOUNT, AdjustmentId.of(adjustmentId), Cash.ofCents(cents), "deposit", ADMIN);
    }

    static AdjustCashCommand adjust(String adjustmentId, long cents) {
        return new AdjustCashCommand(ACCOUNT, AdjustmentId.of(adjustmentId), Cash.ofCents(cents), "deposit", ADMIN);
    }

    static SupplyIssuedEvent issued(long lots) {
        return new SupplyIssuedEvent(ACCOUNT, ACME, Quantity.ofLots(lots));
    }

    static CashReservedEvent cashReserved(long cents) {
        return new CashReservedEvent(ACCOUNT, ORDER, ACME, Cash.ofCents(cents));
    }

    static ReserveCashCommand reserveCash(long cents) {
        return new ReserveCashCommand(ACCOUNT, ALICE, ORDER, ACME, Cash.ofCents(cents));
    }

    static PositionReservedEvent positionReserved(long lots) {
        return new PositionReservedEvent(ACCOUNT, ORDER, ACME, Quantity.ofLots(lots));
    }

    static ReservePositionCommand reservePosition(long lots) {
        return new ReservePositionCommand(ACCOUNT, ALICE, ORDER, ACME, Quantity.ofLots(lots));
    }

    static SettleBuyCommand settleBuy(TradeId trade, long lots, long notional, long fee) {
        return new SettleBuyCommand(ACCOUNT, trade, ORDER, ACME, Quantity.ofLots(lots), Cash.ofCents(notional), Cash.ofCents(fee));
    }

    static BuySettledEvent buySettled(TradeId trade, long lots, long notional, long fee) {
        return new BuySettledEvent(ACCOUNT, trade, ORDER, ACME, Quantity.ofLots(lots), Cash.ofCents(notional), Cash.ofCents(fee));
    }

    static SettleSellCommand settleSell(TradeId trade, long lots, long notional, long fee) {
        return new SettleSellCommand(ACCOUNT, trade, ORDER, ACME, Quantity.ofLots(lots), Cash.ofCents(notional), Cash.ofCents(fee));
    }

    static SellSettledEvent sellSettled(TradeId trade, long lots, long notional, long fee) {
        return new SellSettledEvent(ACCOUNT, trade, ORDER, ACME, Quantity.ofLots(lots), Cash.ofCents(notional), Cash.ofCents(fee));
    }

    static CloseReservationCommand close(long filledLots) {
        return new CloseReservationCommand(ACCOUNT, ORDER, Quantity.ofLots(filledLots));
    }

    static ReservationReleasedEvent released(long cents, long lots) {
        return new ReservationReleasedEvent(ACCOUNT, ORDER, ACME, Cash.ofCents(cents), Quantity.ofLots(lots));
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
