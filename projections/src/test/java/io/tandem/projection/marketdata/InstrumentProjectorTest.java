package io.tandem.projection.marketdata;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ReadModelCollections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tandem.projection.support.TestEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

class InstrumentProjectorTest extends MongoReadModelTest {

    private InstrumentProjector projector;

    @BeforeEach
    void setUp() {
        projector = new InstrumentProjector(new InstrumentFormats(database));
    }

    /** A fresh catalog, so nothing comes from the in-memory cache. */
    private InstrumentFormats reread() {
        return new InstrumentFormats(database);
    }

    @Test
    void aListingStoresTheSpecAndTheSupply() {
        projector.on(acmeListed("1000"));

        assertThat(reread().spec("ACME")).contains(ACME_SPEC);
        assertThat(reread().all()).containsExactly(new InstrumentFormats.ListedInstrument(ACME_SPEC, quantity("1000")));
    }

    @Test
    void aListingKeepsItsMinimumOrderNotional() {
        InstrumentSpec spec = new InstrumentSpec(ACME_SPEC.symbol(), ACME_SPEC.name(), ACME_SPEC.tickSize(),
                ACME_SPEC.lotSize(), ACME_SPEC.makerFeeRate(), ACME_SPEC.takerFeeRate(), ACME_SPEC.maxOrderQuantity(),
                ACME_SPEC.maxOrderNotional(), ACME_SPEC.marketCollarRate(), Cash.ofCents(500));

        projector.on(new InstrumentListedEvent(ACME, spec, ISSUER, quantity("1000"), T0));

        assertThat(reread().spec("ACME")).contains(spec);
    }

    @Test
    void aDocumentStoredBeforeInstrumentsHadAMinimumReadsWithTheDefault() {
        projector.on(acmeListed("1000"));
        database.getCollection(ReadModelCollections.INSTRUMENTS)
                .updateOne(Filters.eq("_id", "ACME"), Updates.unset("minOrderNotional"));

        assertThat(reread().spec("ACME")).get().extracting(InstrumentSpec::minOrderNotional)
                .isEqualTo(InstrumentSpec.DEFAULT_MIN_ORDER_NOTIONAL);
    }

    @Test
    void replayingAListingChangesNothing() {
        projector.on(acmeListed("1000"));

        projector.on(acmeListed("1000"));

        assertThat(reread().all()).hasSize(1);
    }

    @Test
    void resetForgetsEveryInstrument() {
        projector.on(acmeListed("1000"));

        projector.reset();

        assertThat(reread().spec("ACME")).isEmpty();
        assertThat(reread().all()).isEmpty();
    }
}
