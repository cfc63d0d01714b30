package io.tandem.saga.copy;

import io.tandem.contracts.account.Holding;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.saga.copy.CopyMirrorState.AccountRow;
import io.tandem.saga.copy.CopyMirrorState.PositionRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tandem.saga.copy.MirrorFixtures.ACME;
import static io.tandem.saga.copy.MirrorFixtures.BOLT;
import static io.tandem.saga.copy.MirrorFixtures.SHARE;
import static io.tandem.saga.copy.MirrorFixtures.spec;
import static io.tandem.saga.copy.MirrorFixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;

/** The copy-mirror fold of cash, positions and prices, and its equity: exact sum of position values, rounded down once. */
class HoldingsTest {

    private static final AccountId ALICE = AccountId.of("alice");
    private static final AccountId ISSUER = AccountId.of("issuer");
    private static final AccountId COPY = AccountId.of("copy-1");

    private Holdings holdings;

    @BeforeEach
    void listInstruments() {
        holdings = new Holdings();
        holdings.listed(spec(ACME));
        holdings.listed(spec(BOLT));
        holdings.opened(ALICE, AccountType.TRADING);
        holdings.opened(ISSUER, AccountType.TRADING);
        holdings.opened(COPY, AccountType.COPY);
        holdings.addPosition(ISSUER, ACME, 1_000 * SHARE);
        holdings.addPosition(ISSUER, BOLT, 1_000 * SHARE);
    }

    @Test
    void anAccountsTypeIsTheOneItOpenedWithAndUnknownBeforeItsOpeningWasSeen() {
        holdings.addCash(AccountId.of("unseen"), 100);

        assertThat(holdings.type(ALICE)).contains(AccountType.TRADING);
        assertThat(holdings.type(COPY)).contains(AccountType.COPY);
        assertThat(holdings.type(AccountId.of("unseen"))).isEmpty();
        assertThat(holdings.type(AccountId.of("never-mentioned"))).isEmpty();
    }

    @Test
    void aBuyCostsNotionalPlusFeeAndAddsThePositionAtTheTradePrice() {
        holdings.addCash(ALICE, 100_000);
        holdings.traded(trade(1, ACME, ALICE, ISSUER, 10, 1_000, 10));

        assertThat(holdings.cashCents(ALICE)).isEqualTo(100_000 - 10_000 - 10);
        assertThat(holdings.lots(ALICE, ACME)).isEqualTo(10 * SHARE);
        assertThat(holdings.cashCents(ISSUER)).isEqualTo(10_000 - 10);
        assertThat(holdings.lots(ISSUER, ACME)).isEqualTo(990 * SHARE);
        assertThat(holdings.lastPrice(ACME)).contains(Price.ofTicks(1_000));
        assertThat(holdings.equity(ALICE)).isEqualTo(Cash.ofCents(100_000 - 10));
    }

    @Test
    void fractionalLotsAreValuedExactlyAndRoundedDownToACent() {
        // 1.2345 shares bought at 10.00: notional 12.345, the buyer's leg rounded up to 12.35, fee 0.02.
        TradeExecutedEvent buy = new TradeExecutedEvent(ACME, TradeId.of(ACME, 1), Price.ofTicks(1_000), Quantity.ofLots(12_345),
                Side.BUY, null, null, ALICE, null, ISSUER, null, Cash.ofCents(1_235), Cash.ofCents(2), Cash.ofCents(1_234),
                Cash.ofCents(2), true, true, MirrorFixtures.T0);
        holdings.addCash(ALICE, 100_000);
        holdings.traded(buy);
        assertThat(holdings.cashCents(ALICE)).isEqualTo(98_763);
        // 1.2345 x 10.00 = 12.345 -> 12.34
        assertThat(holdings.equity(ALICE)).isEqualTo(Cash.ofCents(98_763 + 1_234));

        holdings.traded(trade(2, ACME, ISSUER, ISSUER, 1, 1_001, 0));
        // 1.2345 x 10.01 = 12.357345 -> 12.35
        assertThat(holdings.equity(ALICE)).isEqualTo(Cash.ofCents(98_763 + 1_235));
    }

    @Test
    void positionValuesAreSummedExactlyBeforeTheOneRoundingDown() {
        // One lot at 50.00 is worth half a cent; two such positions are worth one cent together.
        holdings.traded(trade(1, ACME, ISSUER, ISSUER, 1, 5_000, 0));
        holdings.traded(trade(1, BOLT, ISSUER, ISSUER, 1, 5_000, 0));
        holdings.addPosition(ALICE, ACME, 1);
        assertThat(holdings.equity(ALICE)).isEqualTo(Cash.ZERO);
        holdings.addPosition(ALICE, BOLT, 1);
        assertThat(holdings.equity(ALICE)).isEqualTo(Cash.ofCents(1));
    }

    @Test
    void aPositionWithoutAPriceCountsNothing() {
        holdings.addPosition(ALICE, ACME, 5 * SHARE);
        holdings.addCash(ALICE, 700);
        assertThat(holdings.equity(ALICE)).isEqualTo(Cash.ofCents(700));
    }

    @Test
    void depositsWithdrawalsAdjustmentsAndTransfersMoveTotalCash() {
        holdings.addCash(ALICE, 500_000);
        holdings.addCash(ALICE, -20_000);
        holdings.addCash(ALICE, -1);
        holdings.transferredOut(ALICE, Cash.ofCents(100_000), List.of());
        holdings.transferredIn(COPY, Cash.ofCents(100_000), List.of());
        assertThat(holdings.cashCents(ALICE)).isEqualTo(379_999);
        assertThat(holdings.cashCents(COPY)).isEqualTo(100_000);

        holdings.addPosition(COPY, ACME, 3 * SHARE);
        holdings.transferredOut(COPY, Cash.ofCents(100_000), List.of(new Holding(ACME, Quantity.ofLots(3 * SHARE))));
        holdings.transferredIn(ALICE, Cash.ofCents(100_000), List.of(new Holding(ACME, Quantity.ofLots(3 * SHARE))));
        assertThat(holdings.cashCents(COPY)).isZero();
        assertThat(holdings.positions(COPY)).isEmpty();
        assertThat(holdings.lots(ALICE, ACME)).isEqualTo(3 * SHARE);
    }

    @Test
    void onlyCopyAccountsAreIndexedAsHoldersOfASymbol() {
        holdings.traded(trade(1, ACME, COPY, ISSUER, 2, 1_000, 0));
        holdings.traded(trade(2, ACME, ALICE, ISSUER, 2, 1_000, 0));
        assertThat(holdings.copyAccountsHolding(ACME)).containsExactly(COPY);

        holdings.traded(trade(3, ACME, ALICE, COPY, 2, 1_000, 0));
        assertThat(holdings.copyAccountsHolding(ACME)).isEmpty();
    }

    @Test
    void theChangesAreTheRowsAsTheyAreNowAndAClosedPositionHasZeroLots() {
        holdings.drainChanges();
        holdings.addCash(ALICE, 1_000);
        holdings.addPosition(ALICE, ACME, 5);
        holdings.addPosition(ALICE, ACME, -5);

        Holdings.Changes changes = holdings.drainChanges();

        assertThat(changes.accounts()).containsExactly(new AccountRow(ALICE, AccountType.TRADING, 1_000));
        assertThat(changes.positions()).containsExactly(new PositionRow(ALICE, ACME, 0));
        assertThat(holdings.drainChanges().accounts()).isEmpty();
    }

    @Test
    void aLoadedHoldingsValuesAsTheOneItWasSavedFrom() {
        holdings.addCash(ALICE, 100_000);
        holdings.traded(trade(1, ACME, COPY, ALICE, 3, 1_234, 5));
        Holdings.Changes all = holdings.drainChanges();

        Holdings loaded = new Holdings(all.accounts(), all.positions(), all.instruments());

        for (AccountId account : List.of(ALICE, COPY, ISSUER)) {
            assertThat(loaded.equity(account)).isEqualTo(holdings.equity(account));
        }
        assertThat(loaded.copyAccountsHolding(ACME)).containsExactly(COPY);
    }
}
