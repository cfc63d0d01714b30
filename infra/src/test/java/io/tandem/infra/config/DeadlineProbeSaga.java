package io.tandem.infra.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.context.annotation.Profile;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A saga that exists only under the {@value #PROFILE} profile: it schedules one deadline through the
 * deadline manager sagas receive and records when that deadline reaches it, so a test can stop the
 * application between the two.
 */
@Saga
@Profile(DeadlineProbeSaga.PROFILE)
@ProcessingGroup("deadline-probe")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class DeadlineProbeSaga {

    static final String PROFILE = "deadline-probe";
    static final String DEADLINE = "probe-fires";
    static final Set<String> FIRED = ConcurrentHashMap.newKeySet();

    private String probeId;

    /** Starts a probe whose deadline fires after {@code fireAfter}. */
    public record ProbeStarted(String probeId, Duration fireAfter) {
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "probeId")
    public void on(ProbeStarted event, DeadlineManager deadlineManager) {
        probeId = event.probeId();
        deadlineManager.schedule(event.fireAfter(), DEADLINE);
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void fired() {
        FIRED.add(probeId);
        SagaLifecycle.end();
    }
}
