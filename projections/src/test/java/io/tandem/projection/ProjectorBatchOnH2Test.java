package io.tandem.projection;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** The same on mongo-java-server's H2 backend, which the embedded profile keeps its read models in. */
class ProjectorBatchOnH2Test extends ProjectorBatchTest {

    @Override
    protected MongoBackend backend() {
        return H2Backend.inMemory();
    }
}
