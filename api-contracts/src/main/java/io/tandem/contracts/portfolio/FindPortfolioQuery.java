package io.tandem.contracts.portfolio;

import io.tandem.contracts.common.AccountId;

/** An account's valuation at last prices, answering a {@link PortfolioView}; null for an unknown account. */
public record FindPortfolioQuery(AccountId accountId) {
}
