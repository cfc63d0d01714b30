package io.tandem.infra.audit.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.portfolio.AccountView;
import io.tandem.contracts.portfolio.FindAccountQuery;
import io.tandem.infra.audit.history.HistoryEvent;
import io.tandem.infra.audit.history.HistoryService;
import io.tandem.projection.portfolio.AccountProjector;
import io.tandem.projection.portfolio.AccountQueryHandler;
import io.tandem.projection.support.InstrumentFormats;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An account's state: its events fed to the portfolio projection's own {@link AccountProjector} over
 * an {@link InMemoryReadModel}, read back with the live {@link AccountQueryHandler}, so the shape and
 * the rules (shortfalls, transfers, what a deposit or withdrawal does when) are the live read model's
 * by construction; plus the {@link Reservations} behind its reserved totals. The instruments of its
 * positions are looked up in the log (a book's event 0 is its listing) to format quantities.
 */
final class AccountFold implements StateFold {

    private final String accountId;
    private final HistoryService history;
    private final InMemoryReadModel readModel = new InMemoryReadModel();
    private final AnnotationEventHandlerAdapter projector;
    private final InstrumentFormats instruments;
    private final Reservations reservations = new Reservations();
    private final Set<String> symbols = new TreeSet<>();

    /** The account as {@code state} shows it: the read model's view and the open reservations. */
    record AccountState(AccountView account, List<Reservations.Reservation> reservations) {
    }

    AccountFold(String accountId, HistoryService history) {
        this.accountId = accountId;
        this.history = history;
        this.projector = new AnnotationEventHandlerAdapter(new AccountProjector(readModel.database()));
        this.instruments = new InstrumentFormats(readModel.database());
    }

    @Override
    public void apply(HistoryEvent stored, DomainEventMessage<?> event) {
        collectSymbols(stored.payload());
        reservations.apply(event.getPayload());
        try {
            if (projector.canHandle(event)) {
                projector.handle(event);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the portfolio projection refused event " + stored.sequenceNumber()
                    + " of " + accountId + ": " + e.getMessage(), e);
        }
    }

    private void collectSymbols(JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            JsonNode symbol = node.get("symbol");
            if (symbol != null && symbol.isTextual()) {
                symbols.add(symbol.asText());
            }
        }
        if (node.isContainerNode()) {
            node.forEach(this::collectSymbols);
        }
    }

    @Override
    public Object state() {
        for (String symbol : symbols) {
            if (instruments.spec(symbol).isEmpty()) {
                history.event(symbol, 0).map(history::message)
                        .filter(listing -> listing.getPayload() instanceof InstrumentListedEvent)
                        .ifPresent(listing -> instruments.store((InstrumentListedEvent) listing.getPayload()));
            }
        }
        AccountView view = new AccountQueryHandler(readModel.database(), instruments).find(new FindAccountQuery(AccountId.of(accountId)));
        return new AccountState(view, reservations.list(instruments::spec));
    }

    @Override
    public void close() {
        readModel.close();
    }
}
