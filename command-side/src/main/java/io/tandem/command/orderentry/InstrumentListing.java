package io.tandem.command.orderentry;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.orderbook.InstrumentSpec;

import java.time.Instant;

/**
 * Lists an instrument: creates its order book and credits its whole supply to the issuer account
 * in one transaction, so supply and positions agree from the first event on.
 */
public interface InstrumentListing {

    /**
     * @throws io.tandem.contracts.common.TandemException INSTRUMENT_ALREADY_LISTED if the symbol
     *         exists, ACCOUNT_NOT_FOUND if the issuer account does not
     */
    void list(InstrumentSpec spec, AccountId issuerAccountId, Quantity supply, Instant now);
}
