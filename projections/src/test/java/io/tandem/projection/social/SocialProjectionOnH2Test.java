package io.tandem.projection.social;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** The same on mongo-java-server's H2 backend, which the embedded profile keeps its read models in. */
class SocialProjectionOnH2Test extends SocialProjectionTest {

    @Override
    protected MongoBackend backend() {
        return H2Backend.inMemory();
    }
}
