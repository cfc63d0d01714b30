package io.tandem.infra.audit.chain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The server's chainer: one daemon thread that chains batch after batch while there is a backlog, then rests
 * {@link ChainProperties#interval()}. It runs beside order entry and the event processors and touches none of
 * their rows; it reads the event table and writes only the chain tables. A failed batch (another node holding
 * the chain lock, a database hiccup) is rolled back and tried again after the rest; failures are logged at most
 * once a minute. It is never interrupted (an interrupt in the middle of a file write can close H2's store):
 * {@link #stop()} asks it to finish its batch and waits.
 */
class ChainBackground implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainBackground.class);
    private static final long QUIET_MILLIS = 60_000;

    private final ChainWriter writer;
    private final long restMillis;
    private final Object signal = new Object();
    private volatile boolean running;
    private Thread thread;
    private long lastWarning;

    ChainBackground(ChainWriter writer, ChainProperties properties) {
        this.writer = writer;
        this.restMillis = Math.max(1, properties.interval().toMillis());
    }

    @Override
    public synchronized void start() {
        writer.checkKey();
        running = true;
        thread = new Thread(this::loop, "event-chain");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = thread;
            thread = null;
        }
        synchronized (signal) {
            signal.notifyAll();
        }
        if (stopping != null) {
            try {
                stopping.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                if (writer.chainBatch(false).full()) {
                    continue;
                }
            } catch (RuntimeException e) {
                long now = System.currentTimeMillis();
                if (now - lastWarning >= QUIET_MILLIS) {
                    lastWarning = now;
                    log.warn("event chain: a batch failed and is retried (further failures within a minute are not logged)", e);
                }
            }
            rest();
        }
    }

    private void rest() {
        synchronized (signal) {
            if (running) {
                try {
                    signal.wait(restMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }
}
