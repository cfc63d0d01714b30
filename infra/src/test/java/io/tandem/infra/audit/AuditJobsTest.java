package io.tandem.infra.audit;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AuditJobsTest {

    record Done(boolean ok) implements AuditReport {
        @Override
        public String human() {
            return ok ? "fine" : "different";
        }
    }

    @Test
    void aJobReportsItsProgressThenItsReportAndOnlyOneOfAKindRunsAtATime() throws InterruptedException {
        AuditJobs jobs = new AuditJobs(Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch halfway = new CountDownLatch(1);
        AuditJobs.Job job = jobs.start("verify-chain", progress -> {
            progress.phase("checking chain", 10);
            progress.done(5);
            halfway.countDown();
            awaitLatch(release);
            return new Done(false);
        });
        halfway.await();
        assertThat(job.view().status()).isEqualTo(AuditJobs.Status.RUNNING);
        assertThat(job.view().progress()).isEqualTo(new AuditJobs.JobView.Phase("checking chain", 5, 10));
        assertThatThrownBy(() -> jobs.start("verify-chain", progress -> new Done(true)))
                .isInstanceOfSatisfying(AuditRefusal.class, refusal -> assertThat(refusal.httpStatus()).isEqualTo(409));
        assertThat(jobs.start("verify-ledger", progress -> new Done(true)).id()).isNotEqualTo(job.id());

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> job.status() == AuditJobs.Status.DONE);
        assertThat(jobs.find(job.id()).orElseThrow().view().ok()).isFalse();
        assertThat(job.view().human()).isEqualTo("different");
        assertThat(jobs.start("verify-chain", progress -> new Done(true)).id()).as("free again").isNotEqualTo(job.id());
    }

    @Test
    void aFailingJobSaysWhy() {
        AuditJobs jobs = new AuditJobs(Clock.systemUTC());
        AuditJobs.Job job = jobs.start("rebuild", progress -> {
            throw new AuditRefusal(AuditRefusal.Kind.CONFLICT, "REBUILD_REFUSED", "saga");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> job.status() == AuditJobs.Status.FAILED);
        assertThat(job.view().error()).isEqualTo("REBUILD_REFUSED");
        assertThat(job.view().detail()).isEqualTo("saga");
    }

    @Test
    void aFailureShowsOnlyTheFirstLineOfItsMessageCutToASaneLength() {
        AuditJobs jobs = new AuditJobs(Clock.systemUTC());
        String huge = "Write failed on document " + "x".repeat(5000);
        AuditJobs.Job job = jobs.start("rebuild", progress -> {
            throw new IllegalStateException("the rebuild of 'orders' fails at position 7: " + huge
                    + "\n\tat io.tandem.Projector.on(Projector.java:42)\n\tat org.axonframework.Invoker.invoke(Invoker.java:1)");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> job.status() == AuditJobs.Status.FAILED);
        assertThat(job.view().error()).isEqualTo("FAILED");
        assertThat(job.view().detail()).hasSize(AuditJobs.DETAIL_LENGTH)
                .startsWith("the rebuild of 'orders' fails at position 7: Write failed on document xxx")
                .endsWith("... (truncated)")
                .doesNotContain("\n", "Projector.java", "\tat ");
        assertThat(AuditJobs.brief("short\n\tat a.b.C(C.java:1)")).isEqualTo("short");
        assertThat(AuditJobs.brief("  two   words ")).isEqualTo("two words");
        assertThat(AuditJobs.brief("x" + " ".repeat(10 * AuditJobs.DETAIL_LENGTH) + "y")).as("cut before collapsing")
                .isEqualTo("x... (truncated)");
        AuditJobs.Job unnamed = jobs.start("verify", progress -> {
            throw new IllegalStateException();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> unnamed.status() == AuditJobs.Status.FAILED);
        assertThat(unnamed.view().detail()).isEqualTo("IllegalStateException");
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
