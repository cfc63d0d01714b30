package io.tandem.infra.settlement;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * Refuses to start on a store that an earlier version left with trades still settling. That
 * version settled each trade with a saga that resent unconfirmed legs later, in any order, and
 * released reservations in a separate processor; this one settles each book's trades in order and
 * remembers only a watermark per symbol, so a leg the old saga still owed would count as settled and
 * never be booked. Stop order entry on the old version, let its settlement sagas end (and its
 * {@code reservation-release} processor catch up), then upgrade.
 */
@Component
class SettlementUpgradeGuard implements SmartInitializingSingleton {

    private static final String OPEN_SAGAS = "select count(*) from saga_entry where saga_type like '%SettlementSaga'";

    private final JdbcTemplate jdbc;

    SettlementUpgradeGuard(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void afterSingletonsInstantiated() {
        Long open;
        try {
            open = jdbc.queryForObject(OPEN_SAGAS, Long.class);
        } catch (BadSqlGrammarException noSagaStore) {
            return;
        }
        if (open != null && open > 0) {
            throw new IllegalStateException(open + " trades of an earlier version are still settling (SettlementSaga rows in"
                    + " saga_entry): run that version until they have settled, then upgrade");
        }
    }
}
