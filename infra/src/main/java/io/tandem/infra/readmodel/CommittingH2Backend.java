package io.tandem.infra.readmodel;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, committing its MVStore after every command, and only then (its
 * background auto-commit is off, so no write of a command is still queued when the command answers).
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

    /**
     * Leaves of a few documents rather than MVStore's 48: a page is rewritten whole, every document
     * in it serialized again, whenever one of its documents changes, and projections change
     * documents all over each collection.
     */
    private static final int DOCUMENTS_PER_PAGE = 16;

    CommittingH2Backend(String fileName) {
        super(new MVStore.Builder().fileName(fileName).keysPerPage(DOCUMENTS_PER_PAGE).autoCommitDisabled().open());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return IdLookupH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document result = super.handleCommand(channel, databaseName, command, query);
        commit();
        return result;
    }
}
