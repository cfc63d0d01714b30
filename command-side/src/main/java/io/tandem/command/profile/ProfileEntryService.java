package io.tandem.command.profile;

import io.tandem.command.orderentry.CommandDispatch;
import io.tandem.command.orderentry.RequestTransactions;
import io.tandem.contracts.account.CheckAccountOwnerCommand;
import io.tandem.contracts.account.AccountHoldings;
import io.tandem.contracts.account.DescribeHoldingsCommand;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.profile.SetTraderProfileCommand;
import io.tandem.contracts.profile.TraderProfileView;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Objects;

/**
 * Profile entry in one transaction per request, run again when it loses a race (see
 * {@link RequestTransactions}): the handle check reads the handle table in the request's
 * transaction, and when another request claims the same handle at the same moment, the table's key
 * makes one of the two fail and run again, and the second run finds the handle taken. The account
 * is asked through a command ({@link CheckAccountOwnerCommand}), as payment entry does, so this
 * feature knows nothing of accounts' insides.
 */
@Service
public class ProfileEntryService implements ProfileEntry {

    private final CommandDispatch commands;
    private final RequestTransactions transactions;
    private final TraderDirectory directory;

    ProfileEntryService(CommandDispatch commands, RequestTransactions transactions, TraderDirectory directory) {
        this.commands = commands;
        this.transactions = transactions;
        this.directory = directory;
    }

    @Override
    public TraderProfileView setProfile(UserId user, ProfileRequest request, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(now, "now");
        if (request == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a profile is required");
        }
        String bio = request.bio() == null ? "" : request.bio();
        ProfileRules.check(request.handle(), request.displayName(), bio);
        TraderProfile.requireValidMaxCopiers(request.maxCopiers());
        boolean shareTrades = request.shareTrades() == null || request.shareTrades();
        SetTraderProfileCommand command = new SetTraderProfileCommand(user, request.handle(), request.displayName(), bio,
                shareTrades, request.publicAccountId(), request.acceptsCopiers(), request.maxCopiers(), now);
        return transactions.retrying(() -> transactions.inTransaction(() -> {
            if (command.publicAccountId() != null) {
                requireOwnAccount(command);
                requireTradingAccount(command);
            }
            directory.userOfHandle(command.handle()).filter(holder -> !holder.equals(user)).ifPresent(holder -> {
                throw new TandemException(ErrorCode.HANDLE_TAKEN, "the handle '" + command.handle() + "' is taken");
            });
            return commands.send(command, ErrorCode.TRADER_NOT_FOUND);
        }));
    }

    /**
     * A public account is copied, so it must be a TRADING account: a COPY account would make copiers
     * mirror mirrors (chains, and cycles when two traders copy each other through their COPY accounts).
     */
    private void requireTradingAccount(SetTraderProfileCommand command) {
        AccountHoldings account = commands.send(new DescribeHoldingsCommand(command.publicAccountId()), ErrorCode.ACCOUNT_NOT_FOUND);
        if (account.type() != AccountType.TRADING) {
            throw new TandemException(ErrorCode.COPY_ACCOUNT_MANAGED, account.type() == AccountType.COPY
                    ? "a COPY account cannot be a public account" : "a public account must be a trading account");
        }
    }

    /** Someone else's account and an unknown one are refused alike, in the same words. */
    private void requireOwnAccount(SetTraderProfileCommand command) {
        try {
            commands.send(new CheckAccountOwnerCommand(command.publicAccountId(), command.userId()), ErrorCode.NOT_ACCOUNT_OWNER);
        } catch (TandemException refusal) {
            if (refusal.code() == ErrorCode.NOT_ACCOUNT_OWNER || refusal.code() == ErrorCode.ACCOUNT_NOT_FOUND) {
                throw new TandemException(ErrorCode.NOT_ACCOUNT_OWNER,
                        "publicAccountId must be one of your own accounts: " + command.publicAccountId());
            }
            throw refusal;
        }
    }
}
