package io.tandem.command.orderentry;

import io.tandem.contracts.account.IssueSupplyCommand;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.ListInstrumentCommand;
import org.springframework.stereotype.Service;

import java.time.Instant;

/**
 * Lists an instrument in one transaction: the supply is credited to the issuer first and the book
 * is created last, because the book is the cached aggregate (see {@link OrderEntryService}); an
 * unknown issuer therefore refuses the listing before any book exists. A listing that lost a race
 * is run again, and then finds the symbol listed.
 */
@Service
public class InstrumentListingService implements InstrumentListing {

    private final InstrumentCatalog catalog;
    private final CommandDispatch commands;
    private final RequestTransactions transactions;

    InstrumentListingService(InstrumentCatalog catalog, CommandDispatch commands, RequestTransactions transactions) {
        this.catalog = catalog;
        this.commands = commands;
        this.transactions = transactions;
    }

    @Override
    public void list(InstrumentSpec spec, AccountId issuerAccountId, Quantity supply, Instant now) {
        if (spec == null || issuerAccountId == null || supply == null || now == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "spec, issuer account, supply and time are required");
        }
        if (!supply.isPositive()) {
            throw new TandemException(ErrorCode.INVALID_QUANTITY, "supply must be positive");
        }
        transactions.retrying(() -> transactions.inTransaction(() -> {
            if (catalog.find(spec.symbol()).isPresent()) {
                throw new TandemException(ErrorCode.INSTRUMENT_ALREADY_LISTED, spec.symbol() + " is already listed");
            }
            commands.send(new IssueSupplyCommand(issuerAccountId, spec.symbol(), supply), ErrorCode.ACCOUNT_NOT_FOUND);
            return commands.send(new ListInstrumentCommand(spec.symbol(), spec, issuerAccountId, supply, now),
                    ErrorCode.UNKNOWN_INSTRUMENT);
        }));
    }
}
