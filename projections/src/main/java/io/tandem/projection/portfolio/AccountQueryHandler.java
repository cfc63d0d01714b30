package io.tandem.projection.portfolio;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.portfolio.AccountView;
import io.tandem.contracts.portfolio.CashView;
import io.tandem.contracts.portfolio.FindAccountQuery;
import io.tandem.contracts.portfolio.PositionView;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.tandem.projection.support.AccountDocuments.*;

/**
 * Answers {@link FindAccountQuery} from the portfolio read model, turning cents and lots into
 * decimal strings with each instrument's spec. Positions that are entirely zero are left out.
 */
@Component
public class AccountQueryHandler {

    private final MongoCollection<Document> accounts;
    private final InstrumentFormats instruments;

    public AccountQueryHandler(MongoDatabase database, InstrumentFormats instruments) {
        this.accounts = database.getCollection(ReadModelCollections.ACCOUNTS);
        this.instruments = instruments;
    }

    /** The account's balances, or null when the account is unknown to the read model. */
    @QueryHandler
    public AccountView find(FindAccountQuery query) {
        Document account = accounts.find(Filters.eq("_id", query.accountId().value())).first();
        if (account == null || account.getString(OWNER) == null) {
            return null;
        }
        CashView cash = new CashView(Cash.ofCents(Numbers.longOf(account, AVAILABLE)).toDecimalString(),
                Cash.ofCents(Numbers.longOf(account, RESERVED)).toDecimalString());
        return new AccountView(account.getString("_id"), account.getString(OWNER), account.getString(TYPE),
                cash, positions(account));
    }

    private List<PositionView> positions(Document account) {
        Document positions = account.get(POSITIONS, Document.class);
        if (positions == null) {
            return List.of();
        }
        List<PositionView> result = new ArrayList<>();
        for (Object value : positions.values()) {
            Document position = (Document) value;
            long quantity = Numbers.longOf(position, POSITION_QUANTITY);
            long reserved = Numbers.longOf(position, POSITION_RESERVED);
            if (quantity == 0 && reserved == 0) {
                continue;
            }
            String symbol = position.getString(POSITION_SYMBOL);
            Optional<InstrumentSpec> listed = instruments.spec(symbol);
            if (listed.isEmpty()) {
                // Just listed, and the instruments model has not caught up: the position shows once it has.
                continue;
            }
            InstrumentSpec spec = listed.get();
            result.add(new PositionView(symbol, spec.format(Quantity.ofLots(quantity)), spec.format(Quantity.ofLots(reserved))));
        }
        result.sort(Comparator.comparing(PositionView::symbol));
        return result;
    }
}
