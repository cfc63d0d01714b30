package io.tandem.infra.post;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** The trade-posts process's table of sharing settings, keyed by user. */
interface SharingTraderRepository extends JpaRepository<SharingTrader, String> {

    /** The users who share the trades of this account (at most one: a public account is its owner's). */
    List<SharingTrader> findByPublicAccountIdAndShareTradesTrue(String publicAccountId);
}
