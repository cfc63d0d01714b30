package io.tandem.projection.copy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.copy.CopierPage;
import io.tandem.contracts.copy.CopierView;
import io.tandem.contracts.copy.CopyExplanationView;
import io.tandem.contracts.copy.CopyList;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.contracts.copy.CopyOrderPage;
import io.tandem.contracts.copy.CopyOrderView;
import io.tandem.contracts.copy.CopyView;
import io.tandem.contracts.copy.FindCopiersQuery;
import io.tandem.contracts.copy.FindCopiesQuery;
import io.tandem.contracts.copy.FindCopyOrdersQuery;
import io.tandem.contracts.copy.FindCopyQuery;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.profile.Handles;
import io.tandem.contracts.profile.TraderSummary;
import io.tandem.projection.profile.ProfileDocuments;
import io.tandem.projection.profile.ProfileReads;
import io.tandem.projection.support.CompositeIds;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tandem.projection.copy.CopyDocuments.*;
import static io.tandem.projection.support.AccountDocuments.AVAILABLE;
import static io.tandem.projection.support.AccountDocuments.POSITIONS;
import static io.tandem.projection.support.AccountDocuments.POSITION_QUANTITY;
import static io.tandem.projection.support.AccountDocuments.POSITION_RESERVED;
import static io.tandem.projection.support.AccountDocuments.POSITION_SYMBOL;
import static io.tandem.projection.support.AccountDocuments.RESERVED;

/**
 * Answers the copy queries from the copy read models, joined at query time with what other groups
 * keep: the COPY account's cash and positions from the portfolio read model, last prices from the
 * order-book read model, order status and fills from the orders read model, and current handles from
 * the profiles. Each answer costs a fixed number of reads, whatever the number of copies or orders
 * on it ({@code $in} look-ups). The arithmetic is {@link CopyValuation}'s.
 */
@Component
public class CopyQueryHandler {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final MongoCollection<Document> copies;
    private final MongoCollection<Document> copyOrders;
    private final MongoCollection<Document> positions;
    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> books;
    private final MongoCollection<Document> orders;
    private final MongoCollection<Document> profiles;
    private final MongoCollection<Document> handles;
    private final ProfileReads profileReads;
    private final InstrumentFormats instruments;

    public CopyQueryHandler(MongoDatabase database, InstrumentFormats instruments) {
        this.copies = database.getCollection(ReadModelCollections.COPIES);
        this.copyOrders = database.getCollection(ReadModelCollections.COPY_ORDERS);
        this.positions = database.getCollection(ReadModelCollections.COPY_POSITIONS);
        this.accounts = database.getCollection(ReadModelCollections.ACCOUNTS);
        this.books = database.getCollection(ReadModelCollections.BOOKS);
        this.orders = database.getCollection(ReadModelCollections.ORDERS);
        this.profiles = database.getCollection(ReadModelCollections.PROFILES);
        this.handles = database.getCollection(ReadModelCollections.HANDLES);
        this.profileReads = new ProfileReads(database);
        this.instruments = instruments;
    }

    /** The copy, or null when it is unknown or the viewer is neither its copier nor an admin. */
    @QueryHandler
    public CopyView find(FindCopyQuery query) {
        Document copy = copies.find(Filters.eq("_id", query.copyId())).first();
        if (copy == null || copy.getString(COPIER) == null || !mayRead(copy, query.viewer(), query.admin())) {
            return null;
        }
        return views(List.of(copy)).get(0);
    }

    @QueryHandler
    public CopyList find(FindCopiesQuery query) {
        List<Bson> conditions = new ArrayList<>();
        conditions.add(Filters.eq(FROM_ACCOUNT_ID, query.fromAccountId()));
        if (!query.admin()) {
            conditions.add(Filters.eq(COPIER, query.viewer()));
        }
        List<Document> found = copies.find(Filters.and(conditions)).sort(Sorts.descending(STARTED_KEY, "_id"))
                .into(new ArrayList<>());
        found.removeIf(copy -> copy.getString(COPIER) == null);
        return new CopyList(views(found));
    }

    @QueryHandler
    public CopyOrderPage find(FindCopyOrdersQuery query) {
        int pageSize = Cursors.pageSize(query.first(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        String after = null;
        if (query.after() != null && !query.after().isBlank()) {
            after = Cursors.decode(query.after());
            if (!after.matches("[0-9]{19}")) {
                throw Cursors.malformed(query.after());
            }
        }
        List<Document> found = copyOrders.find(CompositeIds.listing(query.copyId(), after))
                .sort(Sorts.ascending("_id")).limit(pageSize + 1).into(new ArrayList<>());
        boolean hasNextPage = found.size() > pageSize;
        List<Document> page = found.subList(0, Math.min(pageSize, found.size()));
        Map<String, Document> ordersById = byId(orders, page.stream().map(entry -> entry.getString(ORDER_ID))
                .filter(id -> id != null).toList());
        List<CopyOrderView> items = new ArrayList<>(page.size());
        for (Document entry : page) {
            items.add(orderView(query.copyId(), entry, ordersById.get(entry.getString(ORDER_ID))));
        }
        return new CopyOrderPage(items, items.isEmpty() ? null : items.get(items.size() - 1).cursor(), hasNextPage);
    }

    /**
     * The leader's live copies: the count from the leader's profile (its copier slots taken) for
     * everyone; the copies themselves, newest first, only for the leader and admins.
     */
    @QueryHandler
    public CopierPage find(FindCopiersQuery query) {
        if (query.handle() == null || query.handle().isBlank()) {
            return new CopierPage(0, List.of(), null, false);
        }
        Document handle = handles.find(Filters.eq("_id", Handles.key(query.handle()))).first();
        String leader = handle == null ? null : handle.getString(ProfileDocuments.HANDLE_USER);
        if (leader == null) {
            return new CopierPage(0, List.of(), null, false);
        }
        Document profile = profiles.find(Filters.eq("_id", leader)).first();
        long count = Numbers.longOf(profile, ProfileDocuments.COPIERS_COUNT);
        if (!query.admin() && !leader.equals(query.viewer())) {
            return new CopierPage(count, List.of(), null, false);
        }
        int pageSize = Cursors.pageSize(query.first(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        List<Bson> conditions = new ArrayList<>(List.of(Filters.eq(LEADER_ID, leader), Filters.eq(LIVE, true)));
        if (query.after() != null && !query.after().isBlank()) {
            conditions.add(Cursors.after(STARTED_KEY, query.after()));
        }
        List<Document> found = copies.find(Filters.and(conditions)).sort(Sorts.descending(STARTED_KEY, "_id"))
                .limit(pageSize + 1).into(new ArrayList<>());
        boolean hasNextPage = found.size() > pageSize;
        List<Document> page = found.subList(0, Math.min(pageSize, found.size()));
        Map<String, TraderSummary> copiers = profileReads.summaries(page.stream().map(copy -> copy.getString(COPIER)).toList());
        List<CopierView> items = new ArrayList<>(page.size());
        for (Document copy : page) {
            TraderSummary copier = copiers.get(copy.getString(COPIER));
            items.add(new CopierView(copy.getString("_id"), copy.getString(COPIER), copier == null ? null : copier.handle(),
                    copy.getString(STATUS), copy.getString(STARTED_AT),
                    Cursors.keyed(Numbers.longOf(copy, STARTED_KEY), copy.getString("_id"))));
        }
        return new CopierPage(count, items, items.isEmpty() ? null : items.get(items.size() - 1).cursor(), hasNextPage);
    }

    private static boolean mayRead(Document copy, String viewer, boolean admin) {
        return admin || (viewer != null && viewer.equals(copy.getString(COPIER)));
    }

    /** The views of {@code found}, in order, with four reads whatever their number. */
    private List<CopyView> views(List<Document> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        List<String> accountIds = found.stream().map(copy -> copy.getString(COPY_ACCOUNT_ID)).toList();
        Map<String, Document> accountsById = byId(accounts, accountIds);
        Set<String> symbols = new LinkedHashSet<>();
        List<String> positionIds = new ArrayList<>();
        for (Document account : accountsById.values()) {
            Document held = account.get(POSITIONS, Document.class);
            if (held != null) {
                for (Object value : held.values()) {
                    String symbol = ((Document) value).getString(POSITION_SYMBOL);
                    symbols.add(symbol);
                    positionIds.add(positionId(account.getString("_id"), symbol));
                }
            }
        }
        // by _id: the cost bases of exactly the positions held, without a scan
        Map<String, BigDecimal> averages = new HashMap<>();
        for (Document position : byId(positions, positionIds).values()) {
            if (position.getString(AVERAGE_TICKS) != null) {
                averages.put(position.getString("_id"), new BigDecimal(position.getString(AVERAGE_TICKS)));
            }
        }
        Map<String, Long> lastPrices = new HashMap<>();
        for (Document book : byId(books, List.copyOf(symbols)).values()) {
            if (book.get(BOOK_LAST_PRICE) != null) {
                lastPrices.put(book.getString("_id"), Numbers.longOf(book, BOOK_LAST_PRICE));
            }
        }
        Map<String, TraderSummary> leaders = profileReads.summaries(found.stream().map(copy -> copy.getString(LEADER_ID)).toList());
        List<CopyView> views = new ArrayList<>(found.size());
        for (Document copy : found) {
            views.add(view(copy, accountsById.get(copy.getString(COPY_ACCOUNT_ID)), averages, lastPrices,
                    leaders.get(copy.getString(LEADER_ID))));
        }
        return views;
    }

    private CopyView view(Document copy, Document account, Map<String, BigDecimal> averages, Map<String, Long> lastPrices,
                          TraderSummary leader) {
        String copyAccountId = copy.getString(COPY_ACCOUNT_ID);
        long cash = account == null ? 0 : Math.addExact(Numbers.longOf(account, AVAILABLE),
                Numbers.longOf(account, RESERVED));
        List<CopyValuation.Holding> holdings = holdings(copyAccountId, account, averages, lastPrices);
        long equity = CopyValuation.equityCents(cash, holdings);
        long invested = Numbers.longOf(copy, NET_INVESTED);
        boolean closed = CopyStatus.CLOSED.name().equals(copy.getString(STATUS));
        long pnl = Math.subtractExact(closed ? Numbers.longOf(copy, RETURNED_CASH) : equity, invested);
        Object amountPerTrade = copy.get(AMOUNT_PER_TRADE);
        return new CopyView(copy.getString("_id"), copy.getString(COPIER), copy.getString(FROM_ACCOUNT_ID), copyAccountId,
                leader != null ? leader.handle() : copy.getString(LEADER_HANDLE), copy.getString(STATUS), copy.getString(SIZING),
                amountPerTrade == null ? null : cash(Numbers.longOf(copy, AMOUNT_PER_TRADE)),
                copy.getString(STOP_LOSS_PERCENT), cash(Numbers.longOf(copy, STOP_LOSS_EQUITY)), cash(invested), cash(equity),
                cash(pnl), CopyValuation.percent(pnl, invested), copy.getString(STOP_REASON), copy.getString(STARTED_AT),
                copy.getString(CLOSED_AT), CopyValuation.views(holdings));
    }

    /** The account's non-zero positions (available + reserved) by symbol; those whose instrument is not in the catalog yet are left out. */
    private List<CopyValuation.Holding> holdings(String accountId, Document account, Map<String, BigDecimal> averages,
                                                 Map<String, Long> lastPrices) {
        Document held = account == null ? null : account.get(POSITIONS, Document.class);
        if (held == null) {
            return List.of();
        }
        List<CopyValuation.Holding> holdings = new ArrayList<>();
        for (Object value : held.values()) {
            Document position = (Document) value;
            long lots = Math.addExact(Numbers.longOf(position, POSITION_QUANTITY),
                    Numbers.longOf(position, POSITION_RESERVED));
            String symbol = position.getString(POSITION_SYMBOL);
            if (lots == 0) {
                continue;
            }
            instruments.spec(symbol).ifPresent(spec -> holdings.add(new CopyValuation.Holding(spec, lots,
                    averages.get(positionId(accountId, symbol)), lastPrices.get(symbol))));
        }
        holdings.sort((a, b) -> a.spec().symbol().value().compareTo(b.spec().symbol().value()));
        return holdings;
    }

    private CopyOrderView orderView(String copyId, Document entry, Document order) {
        String symbol = entry.getString(SYMBOL);
        InstrumentSpec spec = instruments.require(symbol);
        boolean skipped = Boolean.TRUE.equals(entry.getBoolean(SKIPPED));
        String status = null;
        String filled = null;
        if (!skipped && order != null && order.getString(ORDER_STATUS) != null) {
            status = order.getString(ORDER_STATUS);
            filled = spec.format(Quantity.ofLots(Numbers.longOf(order, ORDER_FILLED)));
        }
        Document explanation = entry.get(EXPLANATION, Document.class);
        return new CopyOrderView(entry.getString(ORDER_ID), entry.getString(KIND), entry.getString(LEADER_TRADE_ID), symbol,
                entry.getString(SIDE), spec.format(Quantity.ofLots(Numbers.longOf(entry, QUANTITY))), status, filled, skipped,
                entry.getString(SKIP_REASON), entry.getString(SKIP_DETAIL),
                explanation == null ? null : explanationView(explanation, spec), entry.getString(CREATED_AT),
                CompositeIds.cursor(copyId, entry.getString("_id")));
    }

    private static CopyExplanationView explanationView(Document explanation, InstrumentSpec spec) {
        String raw = explanation.getString(RAW_QUANTITY);
        return new CopyExplanationView(
                explanation.get(LEADER_EQUITY) == null ? null : cash(Numbers.longOf(explanation, LEADER_EQUITY)),
                explanation.get(COPY_EQUITY) == null ? null : cash(Numbers.longOf(explanation, COPY_EQUITY)),
                explanation.getString(RATIO),
                raw == null ? null : plain(new BigDecimal(raw).multiply(spec.lotSize())),
                spec.format(Quantity.ofLots(Numbers.longOf(explanation, FINAL_QUANTITY))),
                explanation.getString(CUT_BY));
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static String cash(long cents) {
        return Cash.ofCents(cents).toDecimalString();
    }

    private static Map<String, Document> byId(MongoCollection<Document> collection, List<String> ids) {
        Map<String, Document> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (Document document : collection.find(Filters.in("_id", List.copyOf(new LinkedHashSet<>(ids))))) {
            found.put(document.getString("_id"), document);
        }
        return found;
    }
}
