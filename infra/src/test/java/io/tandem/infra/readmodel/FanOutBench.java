package io.tandem.infra.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.feed.FindFeedQuery;
import io.tandem.contracts.follow.TraderFollowedEvent;
import io.tandem.contracts.post.PostCreatedEvent;
import io.tandem.contracts.post.PostKind;
import io.tandem.contracts.post.SocialIds;
import io.tandem.projection.feed.FanOutPolicy;
import io.tandem.projection.feed.FeedProjector;
import io.tandem.projection.feed.FeedProperties;
import io.tandem.projection.feed.FeedQueryHandler;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fan-out benchmark of the home feed (not a timed test; skipped unless {@code -Dtandem.bench=true}).
 * It drives the real {@link FeedProjector} on the embedded store (mongo-java-server with this
 * project's H2 backend, a file in a temp dir, over loopback), in batches of up to 500 events in one
 * batching unit of work, as the {@code home-feed} pooled processor runs it, with a real query update
 * emitter that has no subscriptions:
 * <ol>
 *   <li>one author with 10,000 followers: the time for one post to reach all timelines (the batch
 *       holding it committed), several posts one after another;</li>
 *   <li>100 authors with 1,000 followers each (10,000 followers following 10 authors each): posts/s
 *       when the authors post in a loop, batches of 500 posts, then a sweep of the touched timelines,
 *       and after another round of 100 posts, a second sweep;</li>
 *   <li>first (before both parts): {@code feed(first: 20)} reads of a timeline holding 1,000 entries
 *       (more than {@code max-items}), the first page and a page deep down, in milliseconds per read.</li>
 * </ol>
 * Run: {@code mvn -o -pl infra -am test -Dtest=FanOutBench -Dtandem.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * (options: {@code -Dbench.posts=1000}, 0 runs the first part only; {@code -Dbench.store=memory} runs on mongo-java-server's memory backend
 * instead, to tell the projector's and server's share from the H2 file store's).
 */
class FanOutBench {

    private static final int BATCH = 500;
    private long clock;
    private long postCounter;

    @Test
    @EnabledIfSystemProperty(named = "tandem.bench", matches = "true")
    void fanOut() throws Exception {
        System.out.printf("machine: %d cores, Java %s, %s; store: %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"),
                "memory".equals(System.getProperty("bench.store")) ? "memory backend" : "embedded H2 file (CommittingH2Backend)");
        feedReadsOfAFullTimeline();
        oneAuthorTenThousandFollowers();
        int posts = Integer.getInteger("bench.posts", 1_000);
        if (posts > 0) {
            hundredAuthorsThousandFollowersEach(posts);
        }
    }

    private interface StoreWork {
        void run(MongoDatabase database) throws Exception;
    }

    private static void withStore(StoreWork work) throws Exception {
        Path dir = Files.createTempDirectory("fanout-bench");
        boolean memory = "memory".equals(System.getProperty("bench.store"));
        MongoServer server = new MongoServer(memory ? new de.bwaldvogel.mongo.backend.memory.MemoryBackend()
                : new CommittingH2Backend(dir.resolve("read-models.mv.db").toString()));
        server.bind("127.0.0.1", 0);
        var address = server.getLocalAddress();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            work.run(client.getDatabase("tandem"));
        } finally {
            server.shutdownNow();
        }
    }

    private static FeedProjector projector(MongoDatabase database) {
        return new FeedProjector(database, SimpleQueryUpdateEmitter.builder().build(), FeedProperties.defaults(),
                FanOutPolicy.ALWAYS_PUSH);
    }

    private void oneAuthorTenThousandFollowers() throws Exception {
        withStore(database -> {
            FeedProjector projector = projector(database);
            List<EventMessage<Object>> follows = new ArrayList<>();
            for (int n = 0; n < 10_000; n++) {
                follows.add(follow("follower-" + n, "star"));
            }
            long start = System.nanoTime();
            runInBatches(projector, follows);
            System.out.printf("setup: 10,000 follows in %.1f s%n", (System.nanoTime() - start) / 1e9);
            List<Double> seconds = new ArrayList<>();
            for (int post = 0; post < 5; post++) {
                long t0 = System.nanoTime();
                runBatch(projector, List.of(post("star")));
                seconds.add((System.nanoTime() - t0) / 1e9);
            }
            long entries = database.getCollection(ReadModelCollections.TIMELINES).countDocuments();
            var page = new FeedQueryHandler(database, FeedProperties.defaults())
                    .find(new FindFeedQuery(UserId.of("follower-9999"), 20, null));
            System.out.printf("one post to 10,000 followers' timelines (+ the author's): %s s each; %d entries stored;"
                    + " follower-9999 sees %d%n", seconds.stream().map(s -> String.format("%.2f", s)).toList(), entries,
                    page.items().size());
        });
    }

    private void hundredAuthorsThousandFollowersEach(int posts) throws Exception {
        withStore(database -> {
            FeedProjector projector = projector(database);
            List<EventMessage<Object>> follows = new ArrayList<>();
            for (int follower = 0; follower < 10_000; follower++) {
                for (int k = 0; k < 10; k++) {
                    follows.add(follow("f" + follower, "author-" + ((follower / 100 + k * 10) % 100)));
                }
            }
            long start = System.nanoTime();
            runInBatches(projector, follows);
            System.out.printf("setup: 100,000 follows (100 authors x 1,000 followers) in %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
            List<EventMessage<Object>> loop = new ArrayList<>();
            for (int n = 0; n < posts; n++) {
                loop.add(post("author-" + (n % 100)));
            }
            long t0 = System.nanoTime();
            runInBatches(projector, loop);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long entries = (long) posts * 1_001;
            System.out.printf("%d posts (100 authors x 1,000 followers) in %.1f s: %.1f posts/s, %.0f timeline entries/s%n",
                    posts, seconds, posts / seconds, entries / seconds);
            if ("memory".equals(System.getProperty("bench.store"))) {
                return; // the memory backend scans whole collections for range reads: the sweep would measure that
            }
            long t1 = System.nanoTime();
            int trimmed = projector.sweep();
            System.out.printf("sweep of the 10,100 touched timelines and recent-post lists: %.1f s (%d over the cap)%n",
                    (System.nanoTime() - t1) / 1e9, trimmed);
            List<EventMessage<Object>> more = new ArrayList<>();
            for (int n = 0; n < 100; n++) {
                more.add(post("author-" + (n % 100)));
            }
            runInBatches(projector, more);
            long t2 = System.nanoTime();
            int again = projector.sweep();
            System.out.printf("second sweep, after 100 more posts (10,100 lists touched again): %.1f s (%d over the cap)%n",
                    (System.nanoTime() - t2) / 1e9, again);
        });
    }

    private void feedReadsOfAFullTimeline() throws Exception {
        withStore(database -> {
            FeedProjector projector = projector(database);
            List<EventMessage<Object>> events = new ArrayList<>();
            events.add(follow("reader", "writer"));
            for (int n = 0; n < 1_000; n++) {
                events.add(post("writer"));
            }
            runInBatches(projector, events);
            FeedQueryHandler queries = new FeedQueryHandler(database, FeedProperties.defaults());
            FindFeedQuery first = new FindFeedQuery(UserId.of("reader"), 20, null);
            String deep = null;
            for (int page = 0; page < 30; page++) {
                deep = queries.find(new FindFeedQuery(UserId.of("reader"), 20, deep)).endCursor();
            }
            FindFeedQuery deepPage = new FindFeedQuery(UserId.of("reader"), 20, deep);
            for (int warmUp = 0; warmUp < 50; warmUp++) {
                queries.find(first);
                queries.find(deepPage);
            }
            int reads = 200;
            long t0 = System.nanoTime();
            for (int n = 0; n < reads; n++) {
                queries.find(first);
            }
            double firstMillis = (System.nanoTime() - t0) / 1e6 / reads;
            long t1 = System.nanoTime();
            for (int n = 0; n < reads; n++) {
                queries.find(deepPage);
            }
            double deepMillis = (System.nanoTime() - t1) / 1e6 / reads;
            System.out.printf("feed(first: 20) of a 1,000-entry timeline (max-items 800): first page %.2f ms, page 31 %.2f ms"
                    + " (mean of %d reads each)%n", firstMillis, deepMillis, reads);
        });
    }

    private static void runInBatches(FeedProjector projector, List<EventMessage<Object>> events) {
        for (int from = 0; from < events.size(); from += BATCH) {
            runBatch(projector, events.subList(from, Math.min(events.size(), from + BATCH)));
        }
    }

    private static void runBatch(FeedProjector projector, List<EventMessage<Object>> events) {
        var adapter = new AnnotationEventHandlerAdapter(projector);
        BatchingUnitOfWork<EventMessage<Object>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(events));
        ResultMessage<Object> result = unitOfWork.executeWithResult(() -> adapter.handle(unitOfWork.getMessage()));
        if (result.isExceptional()) {
            throw new IllegalStateException("the batch failed", result.exceptionResult());
        }
    }

    private Instant tick() {
        return Instant.parse("2025-03-01T09:00:00Z").plusMillis(clock++);
    }

    private EventMessage<Object> follow(String follower, String followee) {
        UserId a = UserId.of(follower);
        UserId t = UserId.of(followee);
        var id = SocialIds.relationship(a, t);
        return new GenericDomainEventMessage<>("Relationship", id.value(), 0, new TraderFollowedEvent(id, a, t, tick()));
    }

    private EventMessage<Object> post(String author) {
        UserId a = UserId.of(author);
        String clientPostId = "p" + postCounter++;
        var id = SocialIds.post(a, clientPostId);
        return new GenericDomainEventMessage<>("Post", id.value(), 0, new PostCreatedEvent(id, a, clientPostId,
                PostKind.TEXT, "hello", List.of(), List.of(), null, tick()));
    }
}
