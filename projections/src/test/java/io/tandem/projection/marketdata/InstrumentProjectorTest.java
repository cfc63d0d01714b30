package io.tandem.projection.marketdata;

import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
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
