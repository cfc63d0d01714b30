package io.tandem.infra.audit.rebuild;

import com.mongodb.client.MongoDatabase;
import io.tandem.infra.readmodel.AliasedMongoDatabase;
import io.tandem.infra.readmodel.ReadModelAliases;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.util.Optional;

/**
 * What the rebuild and the verification share: the stores, the live processors when this is the
 * server (none in the command line), and the live groups' tokens.
 */
@org.springframework.stereotype.Component
class ProcessorControl {

    final EventStore eventStore;
    final TokenStore tokenStore;
    final TransactionManager transactions;
    final MongoDatabase database;
    final ReadModelAliases aliases;
    final Environment environment;
    final Clock clock;
    final ProjectionGroups groups = ProjectionGroups.scan();
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final javax.sql.DataSource dataSource;

    ProcessorControl(EventStore eventStore, TokenStore tokenStore, TransactionManager transactions, MongoDatabase database,
                     ObjectProvider<ReadModelAliases> aliases, ObjectProvider<EventProcessingConfiguration> processing,
                     Environment environment, Clock clock, ObjectProvider<javax.sql.DataSource> dataSource) {
        this.dataSource = dataSource.getIfUnique();
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.database = AliasedMongoDatabase.raw(database);
        this.aliases = aliases.getIfAvailable(() -> new ReadModelAliases(this.database));
        this.processing = processing;
        this.environment = environment;
        this.clock = clock;
    }

    /** The group's running processor in this process, if this is a server that runs it. */
    Optional<PooledStreamingEventProcessor> live(String group) {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        return configuration == null ? Optional.empty()
                : configuration.eventProcessor(group, PooledStreamingEventProcessor.class);
    }

    /** Refuses when another process (a running server) holds a claim on one of the group's tokens. */
    void refuseIfClaimedElsewhere(String group) {
        transactions.executeInTransaction(() -> {
            for (int segment : tokenStore.fetchSegments(group)) {
                try {
                    tokenStore.fetchToken(group, segment);
                    tokenStore.releaseClaim(group, segment);
                } catch (UnableToClaimTokenException e) {
                    throw new RebuildRefusedException(RebuildRefusedException.Reason.SERVER_RUNS_IT,
                            "a running server processes '" + group + "' (its token is claimed): stop it, or run this"
                                    + " through the server with --server");
                }
            }
        });
    }

    /**
     * Refuses, in a server, when a segment of the group's token is claimed by another node than this
     * process (the {@code owner} column of {@code token_entry}, which Axon's JPA and JDBC token stores
     * share; this process's owner is its runtime name, Axon's default node id): that node processes the
     * group, and stopping this node's idle processor would not stop it, so the rebuild must run there.
     */
    void refuseIfClaimedByAnotherNode(String group) {
        if (dataSource == null) {
            return;
        }
        String self = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement query = connection.prepareStatement(
                     "SELECT segment, owner FROM token_entry WHERE processor_name = ?")) {
            query.setString(1, group);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String owner = rows.getString(2);
                    if (owner != null && !owner.equals(self)) {
                        throw new RebuildRefusedException(RebuildRefusedException.Reason.SERVER_RUNS_IT,
                                "node '" + owner + "' processes '" + group + "' (it claims segment " + rows.getInt(1)
                                        + "; this node is '" + self + "'): run the rebuild on that node");
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not read the claims of '" + group + "': " + e.getMessage(), e);
        }
    }

    /** The group's stored position: the lowest of its segments' tokens, or null when it has none. */
    TrackingToken storedToken(String group) {
        return transactions.fetchInTransaction(() -> {
            TrackingToken lowest = null;
            for (int segment : tokenStore.fetchSegments(group)) {
                TrackingToken token = WrappedToken.unwrapLowerBound(tokenStore.fetchToken(group, segment));
                tokenStore.releaseClaim(group, segment);
                if (token == null) {
                    return null;
                }
                if (lowest == null || token.position().orElse(-1) < lowest.position().orElse(-1)) {
                    lowest = token;
                }
            }
            return lowest;
        });
    }

    /** How many distinct positions the group's segments are at (1 for a single segment, 0 without tokens). */
    long segmentPositions(String group) {
        return transactions.fetchInTransaction(() -> {
            java.util.Set<Long> positions = new java.util.HashSet<>();
            for (int segment : tokenStore.fetchSegments(group)) {
                TrackingToken token = WrappedToken.unwrapLowerBound(tokenStore.fetchToken(group, segment));
                tokenStore.releaseClaim(group, segment);
                positions.add(token == null ? -1L : token.position().orElse(-1));
            }
            return (long) positions.size();
        });
    }

    /** Sets every segment of the group's token to {@code token} (the group's processor must be stopped). */
    void storeToken(String group, TrackingToken token) {
        transactions.executeInTransaction(() -> {
            int[] segments = tokenStore.fetchSegments(group);
            if (segments.length == 0) {
                tokenStore.initializeTokenSegments(group, 1, token);
                return;
            }
            for (int segment : segments) {
                tokenStore.fetchToken(group, segment);
                tokenStore.storeToken(token, group, segment);
                tokenStore.releaseClaim(group, segment);
            }
        });
    }

    int batchSize(String group) {
        return environment.getProperty("axon.eventhandling.processors." + group + ".batch-size", Integer.class, 1);
    }

    long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    long tail() {
        TrackingToken tail = eventStore.createTailToken();
        return tail == null ? -1 : tail.position().orElse(-1);
    }
}
