package io.tandem.projection.feed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the home feed's trims ({@link FeedProjector#sweep}) every {@code tandem.feed.trim-interval} on a thread of its own. */
@Component
public class FeedSweeper implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeedSweeper.class);

    private final FeedProjector projector;
    private final FeedProperties properties;
    private ScheduledExecutorService scheduler;

    public FeedSweeper(FeedProjector projector, FeedProperties properties) {
        this.projector = projector;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "home-feed-trim");
            thread.setDaemon(true);
            return thread;
        });
        long millis = properties.trimInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            projector.sweep();
        } catch (RuntimeException e) {
            log.warn("Trimming home timelines failed; the next sweep tries again", e);
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
