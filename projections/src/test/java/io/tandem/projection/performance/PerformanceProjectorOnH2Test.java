package io.tandem.projection.performance;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** The same behaviour on mongo-java-server's H2 backend, which the embedded profile keeps its read models in. */
class PerformanceProjectorOnH2Test extends PerformanceProjectorTest {

    @Override
    protected MongoBackend backend() {
        return H2Backend.inMemory();
    }
}
