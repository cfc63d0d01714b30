package io.tandem.infra.startup;

/**
 * The configuration asks for something that does not belong where it would run (a simulated payment
 * provider in production, a token endpoint reachable from the network, an event store that cannot
 * join order entry's transaction), so the application refuses to start instead of running unsafely.
 * {@link StartupRefusalFailureAnalyzer} reports it as Spring Boot's "APPLICATION FAILED TO START"
 * with the {@link #description() reason} and the {@link #action() setting} that changes it.
 */
public class StartupRefusal extends IllegalStateException {

    private final String description;
    private final String action;

    public StartupRefusal(String description, String action) {
        super(description + " " + action);
        this.description = description;
        this.action = action;
    }

    public String description() {
        return description;
    }

    public String action() {
        return action;
    }
}
