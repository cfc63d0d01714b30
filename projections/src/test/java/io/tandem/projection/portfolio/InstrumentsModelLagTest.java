package io.tandem.projection.portfolio;

import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.SupplyIssuedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.portfolio.CashView;
import io.tandem.contracts.portfolio.FindAccountQuery;
import io.tandem.contracts.portfolio.PositionView;
import io.tandem.projection.marketdata.InstrumentProjector;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tandem.projection.support.TestEvents.ACME;
import static io.tandem.projection.support.TestEvents.acmeListed;
import static io.tandem.projection.support.TestEvents.quantity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The instruments model and the models that refer to instruments follow the same listing from
 * separate processors, so for a moment after a listing an account may hold a position in an
 * instrument the catalog does not know yet (the fuzz test met this as a 500). Readers then get an
 * answer, or a refusal they may retry, never a fault.
 */
class InstrumentsModelLagTest extends MongoReadModelTest {

    private static final AccountId ISSUER = AccountId.of("acc-issuer");

    private InstrumentFormats catalog;
    private AccountProjector accounts;
    private AccountQueryHandler queries;

    @BeforeEach
    void issuerHoldsTheSupplyOfAnInstrumentNotYetInTheCatalog() {
        catalog = new InstrumentFormats(database);
        accounts = new AccountProjector(database);
        queries = new AccountQueryHandler(database, catalog);
        accounts.on(new AccountOpenedEvent(ISSUER, UserId.of("mm"), AccountType.TRADING), 0);
        accounts.on(new SupplyIssuedEvent(ISSUER, ACME, quantity("1000")), 1);
    }

    @Test
    void anAccountShowsAPositionOnceItsInstrumentIsInTheCatalog() {
        assertThat(queries.find(new FindAccountQuery(ISSUER)).cash()).isEqualTo(new CashView("0.00", "0.00"));
        assertThat(queries.find(new FindAccountQuery(ISSUER)).positions()).isEmpty();

        new InstrumentProjector(catalog).on(acmeListed("1000"));

        assertThat(queries.find(new FindAccountQuery(ISSUER)).positions())
                .containsExactly(new PositionView("ACME", "1000", "0"));
    }

    @Test
    void formattingForAnInstrumentNotYetInTheCatalogIsARefusalToRetry() {
        assertThatThrownBy(() -> catalog.require("ACME"))
                .isInstanceOfSatisfying(TandemException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.INSTRUMENT_NOT_FOUND));
    }
}
