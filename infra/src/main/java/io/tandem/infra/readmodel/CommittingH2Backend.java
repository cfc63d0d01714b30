package io.tandem.infra.readmodel;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 backend, committing its MVStore after every command.
 * <p>
 * The stock backend relies on the MVStore's background auto-commit (about a second). Projectors
 * store their tokens in the event store's database, so a crash inside that second would leave
 * tokens ahead of the documents they describe. Committing per command closes that window for a
 * process crash; an idle commit is a cheap no-op.
 * <p>
 * Its collections find documents by {@code _id} through the index whenever a query names one (see
 * {@link IdLookupH2Collection}).
 */
final class CommittingH2Backend extends H2Backend {

    CommittingH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IdLookupH2Database(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document result = super.handleCommand(channel, databaseName, command, query);
        commit();
        return result;
    }
}
