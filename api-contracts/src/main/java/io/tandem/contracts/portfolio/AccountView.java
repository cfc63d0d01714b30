package io.tandem.contracts.portfolio;

import java.util.List;

/** An account's balances; decimals are plain strings so nothing on the way rounds them. */
public record AccountView(String accountId, String owner, String type, CashView cash, List<PositionView> positions) {
}
