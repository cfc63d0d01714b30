package io.tandem.command.copy;

import io.tandem.command.follow.BlockList;
import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.command.orderentry.RequestTransactions;
import io.tandem.command.profile.TraderDirectory;
import io.tandem.contracts.account.AccountHoldings;
import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.ChangeCopyFundsCommand;
import io.tandem.contracts.copy.ClaimCopyAllowanceCommand;
import io.tandem.contracts.copy.CopyAnswer;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyIds;
import io.tandem.contracts.copy.CopyStopReason;
import io.tandem.contracts.copy.PauseCopyCommand;
import io.tandem.contracts.copy.RequestCopySellCommand;
import io.tandem.contracts.copy.ResumeCopyCommand;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.copy.StartCopyCommand;
import io.tandem.contracts.copy.StopCopyCommand;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.profile.ClaimCopySlotCommand;
import io.tandem.contracts.profile.Handles;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.function.Supplier;

/**
 * Copy entry in one request transaction per call, run again when it loses a race (see
 * {@link RequestTransactions}), as order and payment entry are: the copy's event, the cash transfer
 * between the copier's account and the COPY account and, for a start, the leader's slot, the
 * copier's allowance and the COPY account itself commit together or not at all. Everything the
 * request alone can check is checked before anything is sent. Who the leader is comes from the
 * handle table and the block list, read in the same transaction.
 */
@Service
public class CopyEntryService implements CopyEntry {

    static final int MAX_CLIENT_COPY_ID_LENGTH = 64;
    static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final CopySteps steps;
    private final RequestTransactions transactions;
    private final TraderDirectory directory;
    private final BlockList blocks;
    private final CopyProperties settings;

    CopyEntryService(CopySteps steps, RequestTransactions transactions, TraderDirectory directory, BlockList blocks,
                     CopyProperties settings) {
        this.steps = steps;
        this.transactions = transactions;
        this.directory = directory;
        this.blocks = blocks;
        this.settings = settings;
    }

    /**
     * Starts the copy in the order the design fixes: an existing copy answers the retried start (or
     * COPY_CONFLICT) before anything is claimed; otherwise the leader's slot (which answers the
     * leader's public account), the copier's allowance, the COPY account, the funding transfer and
     * last the copy itself.
     */
    @Override
    public CopyState start(StartCopy request) {
        Valid start = validate(request);
        UserId copier = request.caller().userId();
        CopyId copyId = CopyIds.copy(copier, request.clientCopyId());
        AccountId copyAccountId = CopyIds.copyAccount(copyId);
        return inRequest(() -> {
            var existing = steps.find(copyId);
            if (existing.isPresent()) {
                return state(retriedStart(request, start, existing.get()));
            }
            UserId leader = directory.userOfHandle(request.leaderHandle())
                    .orElseThrow(() -> new TandemException(ErrorCode.TRADER_NOT_FOUND, Handles.isValid(request.leaderHandle())
                            ? "no trader has the handle '" + request.leaderHandle() + "'" : "no trader has that handle"));
            if (leader.equals(copier)) {
                throw new TandemException(ErrorCode.CANNOT_COPY_SELF, "you cannot copy yourself");
            }
            if (blocks.blocks(leader, copier) || blocks.blocks(copier, leader)) {
                throw new TandemException(ErrorCode.BLOCKED, "you cannot copy this trader");
            }
            requireFundingAccount(request.fromAccountId(), copier, start.amount());
            AccountId leaderAccountId = steps.commands().send(new ClaimCopySlotCommand(leader, copyId, copier),
                    ErrorCode.TRADER_NOT_FOUND);
            requireTradingLeaderAccount(leaderAccountId);
            steps.commands().send(new ClaimCopyAllowanceCommand(CopyIds.allowance(copier), copier, copyId,
                    settings.maxCopiesPerUser()), ErrorCode.COPY_NOT_FOUND);
            openCopyAccount(copyAccountId, copier);
            steps.transfer(request.fromAccountId(), copyAccountId, CopyIds.transfer(copyId, 1), start.amount(), false, copier);
            return state(startCopy(request, start, copyId, copyAccountId, leader, leaderAccountId));
        });
    }

    /**
     * A start whose copy exists answers it when the request is the same as far as the copier decides
     * it (funding account, amount, stop-loss, sizing, amount per trade, open positions) and names the
     * same leader user; the leader's handle itself is not compared, nor are blocks checked again, so a
     * retry after the leader renamed their handle or a block was placed still answers the copy that
     * exists (a block stops the copy by its own path). A handle that now names another trader is
     * COPY_CONFLICT; one that names nobody (renamed since) is taken as the copy's leader.
     */
    private CopyAnswer retriedStart(StartCopy request, Valid start, CopyAnswer existing) {
        directory.userOfHandle(request.leaderHandle()).filter(named -> !named.equals(existing.leader())).ifPresent(other -> {
            throw new TandemException(ErrorCode.COPY_CONFLICT,
                    "copy " + existing.copyId() + " was already started for another leader");
        });
        return startCopy(request, start, existing.copyId(), existing.copyAccountId(), existing.leader(),
                existing.leaderAccountId());
    }

    /**
     * The COPY account is derived from the copy id, so it exists already only when a concurrent
     * identical start committed first (this one waited on the funding account's lock meanwhile).
     * That is a lost race, not a refusal: CONCURRENT_MODIFICATION makes the request run again, and
     * the retry finds the copy and answers it.
     */
    private void openCopyAccount(AccountId copyAccountId, UserId copier) {
        try {
            steps.commands().send(new OpenAccountCommand(copyAccountId, copier, AccountType.COPY), ErrorCode.ACCOUNT_NOT_FOUND);
        } catch (TandemException refusal) {
            if (refusal.code() == ErrorCode.ACCOUNT_ALREADY_EXISTS) {
                throw new TandemException(ErrorCode.CONCURRENT_MODIFICATION,
                        "copy account " + copyAccountId + " was opened by a concurrent start");
            }
            throw refusal;
        }
    }

    /**
     * A leader is copied through a TRADING account only: copying a COPY account would mirror mirrors
     * (chains, and cycles when two traders copy each other). Profiles refuse such a public account;
     * this checks it again for a profile set before that rule. The account is read briefly at start,
     * never while mirroring.
     */
    private void requireTradingLeaderAccount(AccountId leaderAccountId) {
        if (steps.holdings(leaderAccountId).type() != AccountType.TRADING) {
            throw new TandemException(ErrorCode.LEADER_NOT_COPYABLE, "this trader's public account cannot be copied");
        }
    }

    @Override
    public CopyState pause(Caller caller, CopyId copyId, Instant now) {
        requireCaller(caller, copyId, now);
        return inRequest(() -> {
            steps.describeFor(caller, copyId);
            return stateAfter(steps.commands().send(new PauseCopyCommand(copyId, caller.userId(), caller.admin(), now),
                    ErrorCode.COPY_NOT_FOUND), copyId);
        });
    }

    @Override
    public CopyState resume(Caller caller, CopyId copyId, Instant now) {
        requireCaller(caller, copyId, now);
        return inRequest(() -> {
            steps.describeFor(caller, copyId);
            return stateAfter(steps.commands().send(new ResumeCopyCommand(copyId, caller.userId(), caller.admin(), now),
                    ErrorCode.COPY_NOT_FOUND), copyId);
        });
    }

    /** An admin stopping someone else's copy stops it BY_ADMIN; the copier (admin or not) BY_COPIER. */
    @Override
    public CopyState stop(Caller caller, CopyId copyId, Instant now) {
        requireCaller(caller, copyId, now);
        return inRequest(() -> {
            CopyAnswer copy = steps.describeFor(caller, copyId);
            CopyStopReason reason = copy.copier().equals(caller.userId()) ? CopyStopReason.BY_COPIER : CopyStopReason.BY_ADMIN;
            return stateAfter(steps.commands().send(new StopCopyCommand(copyId, caller.userId(), caller.admin(), reason, null,
                    null, now), ErrorCode.COPY_NOT_FOUND), copyId);
        });
    }

    /**
     * Records the change first (it checks who asks, that the copy takes funds and whether the request
     * was applied already), then moves the cash in. The maximum is checked against the net invested
     * amount read under the copy's lock, so two concurrent additions cannot pass it together.
     */
    @Override
    public CopyState addFunds(Caller caller, CopyId copyId, String amount, String clientRequestId, Instant now) {
        requireCaller(caller, copyId, now);
        Cash cash = positive(amount);
        requireRequestId(clientRequestId);
        return inRequest(() -> {
            CopyAnswer copy = steps.describeFor(caller, copyId);
            Optional<CopyAnswer> changed = changeFunds(caller, copyId, cash, clientRequestId, now);
            if (changed.isPresent()) {
                Cash invested = copy.netInvested().plus(cash);
                if (invested.compareTo(settings.maxAmountCash()) > 0) {
                    throw new TandemException(ErrorCode.AMOUNT_ABOVE_MAXIMUM, "adding " + cash + " would make " + invested
                            + " invested in the copy, above the maximum of " + settings.maxAmountCash());
                }
                steps.transfer(changed.get().fromAccountId(), changed.get().copyAccountId(), changed.get().transferId(), cash,
                        false, changed.get().copier());
            }
            return state(steps.describe(copyId));
        });
    }

    /**
     * Only the COPY account's available cash can go back: cash reserved by an open order is refused
     * as INSUFFICIENT_FUNDS. Allowed while STOPPING too (free cash is not needed to sell positions).
     */
    @Override
    public CopyState removeFunds(Caller caller, CopyId copyId, String amount, String clientRequestId, Instant now) {
        requireCaller(caller, copyId, now);
        Cash cash = positive(amount);
        requireRequestId(clientRequestId);
        return inRequest(() -> {
            changeFunds(caller, copyId, cash.negate(), clientRequestId, now).ifPresent(changed ->
                    steps.transfer(changed.copyAccountId(), changed.fromAccountId(), changed.transferId(), cash, false,
                            changed.copier()));
            return state(steps.describe(copyId));
        });
    }

    /**
     * Records the sell with the copy (which numbers its client order id) and places it, in one
     * transaction. One order sells at most the instrument's per-order limits at the sell's protection
     * price (as the stop does); the rest is closed by another call. A position worth less than the
     * minimum order notional is refused by order entry as ORDER_NOTIONAL_TOO_SMALL (it goes back with
     * the cash when the copy stops); a symbol without a last price as order entry refuses it.
     */
    @Override
    public OrderResult closePosition(Caller caller, CopyId copyId, Symbol symbol, Instant now) {
        requireCaller(caller, copyId, now);
        if (symbol == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a symbol is required");
        }
        return inRequest(() -> {
            CopyAnswer copy = steps.describeFor(caller, copyId);
            Quantity available = CopySteps.available(steps.holdings(copy.copyAccountId()), symbol);
            if (!available.isPositive()) {
                throw new TandemException(ErrorCode.NO_COPIED_POSITION, "the copy holds no " + symbol + " it could sell");
            }
            Optional<Price> protection = steps.orderEntry().protectionPrice(symbol, Side.SELL);
            Quantity quantity = protection.map(price -> CopyEngineService.withinOrderLimits(steps.spec(symbol), price, available))
                    .orElse(available);
            String clientOrderId = steps.commands().send(new RequestCopySellCommand(copyId, caller.userId(), caller.admin(),
                    symbol, quantity, false, now), ErrorCode.COPY_NOT_FOUND);
            return steps.placeMarket(copy, clientOrderId, symbol, Side.SELL, quantity, null, now);
        });
    }

    /** The recorded change with the transfer id to move it under; empty when its request was applied already. */
    private Optional<CopyAnswer> changeFunds(Caller caller, CopyId copyId, Cash amount, String clientRequestId, Instant now) {
        steps.describeFor(caller, copyId);
        Object answer = steps.commands().send(new ChangeCopyFundsCommand(copyId, caller.userId(), caller.admin(), amount, now,
                clientRequestId), ErrorCode.COPY_NOT_FOUND);
        if (answer instanceof CopyAnswer copy && copy.transferId() != null) {
            return Optional.of(copy);
        }
        if (answer instanceof CopyAnswer && clientRequestId != null) {
            return Optional.empty();
        }
        if (answer instanceof String transferId) {
            CopyAnswer copy = steps.describe(copyId);
            return Optional.of(new CopyAnswer(copy.copyId(), copy.copyAccountId(), copy.fromAccountId(), copy.copier(),
                    copy.leader(), copy.leaderAccountId(), copy.status(), copy.netInvested(), transferId, false));
        }
        throw new IllegalStateException("the copy answered a funds change without a transfer id: " + answer);
    }

    /**
     * The account the copy is funded from must be one of the copier's own trading accounts (someone
     * else's is refused exactly as an unknown one) with the amount available.
     */
    private void requireFundingAccount(AccountId fromAccountId, UserId copier, Cash amount) {
        AccountHoldings from = steps.holdings(fromAccountId);
        if (!from.owner().equals(copier)) {
            throw TandemException.notFound(ErrorCode.ACCOUNT_NOT_FOUND, fromAccountId);
        }
        if (from.type() != AccountType.TRADING) {
            throw new TandemException(ErrorCode.COPY_ACCOUNT_MANAGED, "a copy is funded from a trading account, not from " + fromAccountId);
        }
        if (from.availableCash().compareTo(amount) < 0) {
            throw new TandemException(ErrorCode.INSUFFICIENT_FUNDS, "account " + fromAccountId + " has " + from.availableCash()
                    + " available, the copy needs " + amount);
        }
    }

    private CopyAnswer startCopy(StartCopy request, Valid start, CopyId copyId, AccountId copyAccountId, UserId leader,
                             AccountId leaderAccountId) {
        String shownHandle = directory.handleOf(leader).orElse(request.leaderHandle());
        steps.commands().send(new StartCopyCommand(copyId, request.caller().userId(), request.clientCopyId(),
                request.fromAccountId(), copyAccountId, leader, shownHandle, leaderAccountId, start.amount(),
                start.stopLossPercent(), request.sizing(), start.amountPerTrade(), request.copyOpenPositions(), request.now()),
                ErrorCode.COPY_NOT_FOUND);
        return steps.describe(copyId);
    }

    private <T> T inRequest(Supplier<T> work) {
        return transactions.retrying(() -> transactions.inTransaction(work));
    }

    private static CopyState state(CopyAnswer copy) {
        return new CopyState(copy.copyId(), copy.copyAccountId(), copy.status(), copy.netInvested());
    }

    /** The copy as the command left it: its answer, or read again when it answered something else. */
    private CopyState stateAfter(Object answer, CopyId copyId) {
        return state(answer instanceof CopyAnswer copy ? copy : steps.describe(copyId));
    }

    private static void requireCaller(Caller caller, CopyId copyId, Instant now) {
        if (caller == null || caller.userId() == null || copyId == null || now == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "caller, copy id and time are required");
        }
    }

    /** A client request id is optional; given, it is 1 to 64 characters {@code [A-Za-z0-9._:-]}. */
    private static void requireRequestId(String clientRequestId) {
        if (clientRequestId != null && !CLIENT_REQUEST_ID.matcher(clientRequestId).matches()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST,
                    "clientRequestId must be 1 to 64 characters of letters, digits and . _ : -");
        }
    }

    private static Cash positive(String amount) {
        Cash cash = Cash.parse(amount);
        if (!cash.isPositive()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "the amount must be positive");
        }
        return cash;
    }

    /** A start's parsed values. */
    private record Valid(Cash amount, BigDecimal stopLossPercent, Cash amountPerTrade) {
    }

    /** Everything a start request alone can get wrong, checked before any command is sent. */
    private Valid validate(StartCopy request) {
        if (request == null || request.caller() == null || request.caller().userId() == null || request.fromAccountId() == null
                || request.now() == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "caller, fromAccountId and time are required");
        }
        String clientCopyId = request.clientCopyId();
        if (clientCopyId == null || clientCopyId.isBlank() || clientCopyId.length() > MAX_CLIENT_COPY_ID_LENGTH
                || clientCopyId.chars().anyMatch(Character::isISOControl)) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST,
                    "clientCopyId must be 1 to " + MAX_CLIENT_COPY_ID_LENGTH + " characters without control characters");
        }
        if (request.leaderHandle() == null || request.leaderHandle().isBlank()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "the leader's handle is required");
        }
        Cash amount = Cash.parse(request.amount());
        if (amount.compareTo(settings.minAmountCash()) < 0) {
            throw new TandemException(ErrorCode.AMOUNT_BELOW_MINIMUM, "the amount " + amount + " is below the minimum of "
                    + settings.minAmountCash());
        }
        if (amount.compareTo(settings.maxAmountCash()) > 0) {
            throw new TandemException(ErrorCode.AMOUNT_ABOVE_MAXIMUM, "the amount " + amount + " is above the maximum of "
                    + settings.maxAmountCash());
        }
        BigDecimal stopLoss = CopyStopLoss.parse(request.stopLossPercent());
        if (request.sizing() == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "sizing is required (PROPORTIONAL or FIXED_AMOUNT)");
        }
        Cash perTrade = null;
        if (request.sizing() == SizingMode.FIXED_AMOUNT) {
            if (request.amountPerTrade() == null) {
                throw new TandemException(ErrorCode.MALFORMED_REQUEST, "FIXED_AMOUNT sizing needs an amountPerTrade");
            }
            perTrade = Cash.parse(request.amountPerTrade());
            if (!perTrade.isPositive()) {
                throw new TandemException(ErrorCode.MALFORMED_REQUEST, "amountPerTrade must be positive");
            }
        } else if (request.amountPerTrade() != null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "PROPORTIONAL sizing takes no amountPerTrade");
        }
        return new Valid(amount, stopLoss, perTrade);
    }
}
