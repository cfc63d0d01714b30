package io.tandem.contracts.account;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.UserId;

import java.util.List;

/**
 * An account's balances as its aggregate has them now: available and reserved cash, available
 * positions (non-zero only) and positions reserved by open sell orders, and how many orders still
 * hold a reservation.
 */
public record AccountHoldings(AccountId accountId, UserId owner, AccountType type, Cash availableCash, Cash reservedCash,
                              List<Holding> positions, List<Holding> reservedPositions, int openReservations) {
}
