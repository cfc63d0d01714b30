package io.tandem.projection.portfolio;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.contracts.portfolio.FindOrdersQuery;
import io.tandem.contracts.portfolio.OrderPage;
import io.tandem.contracts.portfolio.OrderView;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static io.tandem.projection.portfolio.OrderDocuments.*;

/**
 * Answers {@link FindOrdersQuery}: an account's orders, newest first, one page at a time. The
 * cursor is the (placement time, order id) of the last order on the page, so the next page starts
 * right after it however many orders arrive in the meantime.
 */
@Component
public class OrderQueryHandler {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final MongoCollection<Document> orders;
    private final InstrumentFormats instruments;

    public OrderQueryHandler(MongoDatabase database, InstrumentFormats instruments) {
        this.orders = database.getCollection(ReadModelCollections.ORDERS);
        this.instruments = instruments;
    }

    @QueryHandler
    public OrderPage find(FindOrdersQuery query) {
        int pageSize = Cursors.pageSize(query.first(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        List<Bson> conditions = new ArrayList<>();
        conditions.add(Filters.eq(ACCOUNT_ID, query.accountId().value()));
        if (query.statuses() != null && !query.statuses().isEmpty()) {
            conditions.add(Filters.in(STATUS, query.statuses().stream().map(OrderStatus::name).toList()));
        }
        if (query.after() != null && !query.after().isBlank()) {
            conditions.add(Cursors.after(PLACED_KEY, query.after()));
        }
        List<Document> documents = orders.find(Filters.and(conditions))
                .sort(Sorts.descending(PLACED_KEY, "_id"))
                .limit(pageSize + 1)
                .into(new ArrayList<>());
        boolean hasNextPage = documents.size() > pageSize;
        List<OrderView> items = documents.stream().limit(pageSize).map(this::toView).toList();
        String endCursor = items.isEmpty() ? null : items.get(items.size() - 1).cursor();
        return new OrderPage(items, endCursor, hasNextPage);
    }

    private OrderView toView(Document order) {
        String symbol = order.getString(SYMBOL);
        InstrumentSpec spec = instruments.require(symbol);
        Long priceTicks = order.get(PRICE) == null ? null : Numbers.longOf(order, PRICE);
        String orderId = order.getString("_id");
        String cursor = Cursors.keyed(Numbers.longOf(order, PLACED_KEY), orderId);
        return new OrderView(orderId, order.getString(ACCOUNT_ID), symbol, order.getString(SIDE),
                order.getString(TYPE), order.getString(TIME_IN_FORCE),
                priceTicks == null ? null : spec.format(Price.ofTicks(priceTicks)),
                spec.format(Quantity.ofLots(Numbers.longOf(order, QUANTITY))),
                spec.format(Quantity.ofLots(Numbers.longOf(order, FILLED))),
                order.getString(STATUS), order.getString(CANCEL_REASON), order.getString(PLACED_AT), cursor);
    }
}
