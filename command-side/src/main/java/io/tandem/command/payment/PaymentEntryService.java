package io.tandem.command.payment;

import io.tandem.command.orderentry.CommandDispatch;
import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.command.orderentry.RequestTransactions;
import io.tandem.contracts.account.AcceptDepositCommand;
import io.tandem.contracts.account.ReserveWithdrawalCommand;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.payment.*;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Payment entry in one database transaction per request, like order entry: Axon's Spring transaction
 * manager joins it, so the account leg, the daily-limit charge and the new payment commit or roll
 * back together, and a request that lost a race on its account is run again (see
 * {@link RequestTransactions}). The payment is created last: it is the step that detects a payment
 * id reused with other details, and nothing before it may survive that refusal. The client's payment
 * id is checked here and turned into the platform's id ({@link PaymentIds}) before anything is sent,
 * and so is the provider, against the server's allowlist for the direction
 * ({@link PaymentEntryProperties.AllowedProviders}).
 */
@Service
public class PaymentEntryService implements PaymentEntry {

    static final int MAX_CLIENT_PAYMENT_ID_LENGTH = 64;
    private static final Pattern CLIENT_PAYMENT_ID = Pattern.compile("[A-Za-z0-9._-]+");
    static final int MAX_PROVIDER_LENGTH = 32;

    private final CommandDispatch commands;
    private final RequestTransactions transactions;
    private final DailyWithdrawalLimit dailyLimit;
    private final PaymentEntryProperties settings;

    PaymentEntryService(CommandDispatch commands, RequestTransactions transactions, DailyWithdrawalLimit dailyLimit,
                        PaymentEntryProperties settings) {
        this.commands = commands;
        this.transactions = transactions;
        this.dailyLimit = dailyLimit;
        this.settings = settings;
    }

    @Override
    public PaymentResult deposit(Caller caller, AccountId accountId, String clientPaymentId, String amount, String provider, Instant now) {
        PaymentId paymentId = paymentId(caller, accountId, clientPaymentId, now);
        String via = allowedProvider(provider, settings.allowedProviders().deposit(), "deposits");
        Cash cash = withinBounds(amount, settings.minDepositCash(), settings.maxDepositCash());
        return transactions.retrying(() -> transactions.inTransaction(() -> {
            commands.send(new AcceptDepositCommand(accountId, paymentId, caller.userId(), cash), ErrorCode.ACCOUNT_NOT_FOUND);
            PaymentStatus status = commands.send(new RequestDepositCommand(paymentId, accountId, caller.userId(), cash,
                    via, now), ErrorCode.PAYMENT_NOT_FOUND);
            return new PaymentResult(paymentId, status);
        }));
    }

    /**
     * Reserves first (owner and funds are the account's to check), then charges the daily limit, then
     * creates the payment; a retried request finds all three done and answers the current status.
     */
    @Override
    public PaymentResult withdraw(Caller caller, AccountId accountId, String clientPaymentId, String amount, String provider, Instant now) {
        PaymentId paymentId = paymentId(caller, accountId, clientPaymentId, now);
        String via = allowedProvider(provider, settings.allowedProviders().withdrawal(), "withdrawals");
        Cash cash = withinBounds(amount, settings.minWithdrawalCash(), settings.maxWithdrawalCash());
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return transactions.retrying(() -> transactions.inTransaction(() -> {
            commands.send(new ReserveWithdrawalCommand(accountId, paymentId, caller.userId(), cash), ErrorCode.ACCOUNT_NOT_FOUND);
            dailyLimit.charge(caller.userId(), paymentId, cash, day, settings.dailyWithdrawalLimitCash());
            PaymentStatus status = commands.send(new RequestWithdrawalCommand(paymentId, accountId, caller.userId(), cash,
                    via, now), ErrorCode.PAYMENT_NOT_FOUND);
            return new PaymentResult(paymentId, status);
        }));
    }

    @Override
    public PaymentStatus confirm(PaymentId paymentId, String provider, String providerReference, Instant now) {
        Objects.requireNonNull(now, "now");
        return answer(paymentId, provider, new ConfirmPaymentCommand(paymentId, provider, providerReference, now));
    }

    @Override
    public PaymentStatus fail(PaymentId paymentId, String provider, String reason, Instant now) {
        Objects.requireNonNull(now, "now");
        String why = reason == null || reason.isBlank() ? "DECLINED" : reason;
        return answer(paymentId, provider, new FailPaymentCommand(paymentId, provider, why, now));
    }

    /**
     * Sends a provider's answer. A payment that does not exist and one that belongs to another
     * provider are refused with one and the same PAYMENT_NOT_FOUND, so the webhook cannot tell them apart.
     */
    private PaymentStatus answer(PaymentId paymentId, String provider, Object command) {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(provider, "provider");
        try {
            return commands.send(command, ErrorCode.PAYMENT_NOT_FOUND);
        } catch (TandemException refusal) {
            if (refusal.code() == ErrorCode.PAYMENT_NOT_FOUND) {
                throw new TandemException(ErrorCode.PAYMENT_NOT_FOUND, "no payment " + paymentId);
            }
            throw refusal;
        }
    }

    /** Checks what every request needs and answers the payment's id: the client's id scoped to the account. */
    private static PaymentId paymentId(Caller caller, AccountId accountId, String clientPaymentId, Instant now) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(now, "now");
        if (accountId == null || clientPaymentId == null || clientPaymentId.isBlank()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "accountId and paymentId are required");
        }
        if (clientPaymentId.length() > MAX_CLIENT_PAYMENT_ID_LENGTH) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "paymentId is longer than " + MAX_CLIENT_PAYMENT_ID_LENGTH + " characters");
        }
        if (!CLIENT_PAYMENT_ID.matcher(clientPaymentId).matches()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "paymentId may only contain letters, digits, '.', '_' and '-'");
        }
        return PaymentIds.of(accountId, clientPaymentId);
    }

    /**
     * The provider to use: the one named, or the configured default when none is, and only if the
     * server allows it for this direction. Checked before anything is sent, so a refused provider
     * leaves nothing behind; the refusal is the same whether or not such a provider exists.
     */
    private String allowedProvider(String provider, Set<String> allowed, String direction) {
        String chosen = provider == null || provider.isBlank() ? settings.defaultProvider() : provider.trim();
        if (chosen.length() > MAX_PROVIDER_LENGTH) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "provider is longer than " + MAX_PROVIDER_LENGTH + " characters");
        }
        if (!allowed.contains(chosen)) {
            throw new TandemException(ErrorCode.PROVIDER_NOT_ALLOWED, "the payment provider '" + chosen
                    + "' is not allowed for " + direction + " on this platform");
        }
        return chosen;
    }

    private static Cash withinBounds(String amount, Cash min, Cash max) {
        Cash cash = Cash.parse(amount);
        if (cash.compareTo(min) < 0) {
            throw new TandemException(ErrorCode.AMOUNT_BELOW_MINIMUM, "the amount " + cash + " is below the minimum of " + min);
        }
        if (cash.compareTo(max) > 0) {
            throw new TandemException(ErrorCode.AMOUNT_ABOVE_MAXIMUM, "the amount " + cash + " is above the maximum of " + max);
        }
        return cash;
    }
}
