package io.tandem.command.copy;

import io.tandem.command.orderentry.CommandDispatch;
import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.command.orderentry.OrderEntry.PlaceOrder;
import io.tandem.command.orderentry.OrderEntryService;
import io.tandem.contracts.account.AccountHoldings;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.account.DescribeHoldingsCommand;
import io.tandem.contracts.account.Holding;
import io.tandem.contracts.account.TransferInCommand;
import io.tandem.contracts.account.TransferOutCommand;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyAnswer;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.DescribeCopyCommand;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.TimeInForce;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The steps copy entry and the copy engine share, each a command (or an order) sent in the caller's
 * request transaction: reading a copy and an account, moving assets between two accounts (out of one,
 * into the other, under one transfer id, so the pair commits or rolls back together), and placing a
 * COPY account's market order as the copy engine.
 */
@Component
class CopySteps {

    private final CommandDispatch commands;
    private final OrderEntryService orderEntry;

    CopySteps(CommandDispatch commands, OrderEntryService orderEntry) {
        this.commands = commands;
        this.orderEntry = orderEntry;
    }

    CommandDispatch commands() {
        return commands;
    }

    OrderEntryService orderEntry() {
        return orderEntry;
    }

    /** The copy as it is; an unknown copy is COPY_NOT_FOUND. */
    CopyAnswer describe(CopyId copyId) {
        return commands.send(new DescribeCopyCommand(copyId), ErrorCode.COPY_NOT_FOUND);
    }

    /** The copy, or empty when there is none. */
    Optional<CopyAnswer> find(CopyId copyId) {
        try {
            return Optional.of(describe(copyId));
        } catch (TandemException refusal) {
            if (refusal.code() == ErrorCode.COPY_NOT_FOUND) {
                return Optional.empty();
            }
            throw refusal;
        }
    }

    /** The copy if {@code caller} may manage it (its copier or an admin); to anyone else it does not exist. */
    CopyAnswer describeFor(Caller caller, CopyId copyId) {
        CopyAnswer copy = describe(copyId);
        if (!caller.admin() && !copy.copier().equals(caller.userId())) {
            throw TandemException.notFound(ErrorCode.COPY_NOT_FOUND, copyId);
        }
        return copy;
    }

    AccountHoldings holdings(AccountId accountId) {
        return commands.send(new DescribeHoldingsCommand(accountId), ErrorCode.ACCOUNT_NOT_FOUND);
    }

    /**
     * Moves {@code amount} of available cash (null: all of it, and with {@code withPositions} every
     * available position too) from one account to the other; answers what moved.
     */
    AssetsTransferredOutEvent transfer(AccountId from, AccountId to, String transferId, Cash amount, boolean withPositions,
                                       UserId owner) {
        AssetsTransferredOutEvent out = commands.send(new TransferOutCommand(from, transferId, to, amount, withPositions, owner),
                ErrorCode.ACCOUNT_NOT_FOUND);
        commands.send(new TransferInCommand(to, transferId, from, out.cash(), out.positions()), ErrorCode.ACCOUNT_NOT_FOUND);
        return out;
    }

    /**
     * Places a market order (IOC: a copy never leaves an order resting) in the copy's COPY account on
     * behalf of its copier, as the copy engine.
     */
    OrderResult placeMarket(CopyAnswer copy, String clientOrderId, Symbol symbol, Side side, Quantity quantity,
                            Price protectionPrice, Instant at) {
        InstrumentSpec spec = spec(symbol);
        PlaceOrder order = new PlaceOrder(new Caller(copy.copier(), false), copy.copyAccountId(), clientOrderId, symbol, side,
                OrderType.MARKET, null, spec.format(quantity), TimeInForce.IOC, at);
        return orderEntry.placeWithin(order, true, protectionPrice);
    }

    InstrumentSpec spec(Symbol symbol) {
        return orderEntry.instrument(symbol)
                .orElseThrow(() -> new TandemException(ErrorCode.UNKNOWN_INSTRUMENT, "unknown instrument " + symbol));
    }

    /** The available quantity of {@code symbol} in the account (zero when it holds none). */
    static Quantity available(AccountHoldings holdings, Symbol symbol) {
        return position(holdings.positions(), symbol);
    }

    static Quantity position(List<Holding> holdings, Symbol symbol) {
        return holdings.stream().filter(holding -> holding.symbol().equals(symbol)).map(Holding::quantity)
                .findFirst().orElse(Quantity.ZERO);
    }
}
