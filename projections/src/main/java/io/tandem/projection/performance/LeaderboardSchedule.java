package io.tandem.projection.performance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link LeaderboardRanker#rank} every {@code tandem.leaderboard.refresh-interval} on a thread of
 * its own, with a fixed delay (a slow run is never overlapped by the next). A failed run is logged and
 * the next one tries again; the previous ranking stays up meanwhile. Every node may run one: the
 * ranker's lease lets one rank at a time, and it is given up on shutdown.
 */
public class LeaderboardSchedule implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LeaderboardSchedule.class);

    private final LeaderboardRanker ranker;
    private final LeaderboardProperties properties;
    private ScheduledExecutorService scheduler;

    public LeaderboardSchedule(LeaderboardRanker ranker, LeaderboardProperties properties) {
        this.ranker = ranker;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "leaderboard-ranker");
            thread.setDaemon(true);
            return thread;
        });
        long millis = properties.refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::rank, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void rank() {
        try {
            ranker.rank();
        } catch (RuntimeException e) {
            log.warn("Ranking the leaderboard failed; the next run tries again", e);
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        try {
            ranker.release();
        } catch (RuntimeException e) {
            log.debug("Could not give the leaderboard lease up; it expires on its own", e);
        }
    }
}
