package io.tandem.infra.post;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.UserId;
import io.tandem.saga.post.TradeSharing;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The trade-posts process's sharing settings in a table of their own ({@link SharingTrader}). The
 * process calls it from its handlers, inside the batch's transaction (Axon's Spring transaction
 * manager), so each change commits with the process's position.
 */
@Component
class JpaTradeSharing implements TradeSharing {

    private final SharingTraderRepository repository;

    JpaTradeSharing(SharingTraderRepository repository) {
        this.repository = repository;
    }

    @Override
    public void set(UserId user, AccountId publicAccount, boolean shareTrades) {
        SharingTrader trader = repository.findById(user.value()).orElseGet(() -> new SharingTrader(user.value()));
        trader.set(publicAccount == null ? null : publicAccount.value(), shareTrades);
        repository.save(trader);
    }

    @Override
    public Optional<UserId> sharerOf(AccountId account) {
        return repository.findByPublicAccountIdAndShareTradesTrue(account.value()).stream().findFirst()
                .map(trader -> UserId.of(trader.userId()));
    }

    @Override
    public void clear() {
        repository.deleteAllInBatch();
    }
}
