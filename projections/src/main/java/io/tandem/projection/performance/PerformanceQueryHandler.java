package io.tandem.projection.performance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.leaderboard.FindLeaderboardQuery;
import io.tandem.contracts.leaderboard.FindTraderStatsQuery;
import io.tandem.contracts.leaderboard.LeaderboardPage;
import io.tandem.contracts.leaderboard.TraderStatsView;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.portfolio.EquityDayView;
import io.tandem.contracts.portfolio.EquityHistory;
import io.tandem.contracts.portfolio.FindEquityHistoryQuery;
import io.tandem.contracts.portfolio.FindPortfolioQuery;
import io.tandem.contracts.portfolio.PortfolioPositionView;
import io.tandem.contracts.portfolio.PortfolioView;
import io.tandem.projection.support.CompositeIds;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MarketValues;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.tandem.projection.performance.PerformanceDocuments.*;

/**
 * Answers the portfolio valuation, the daily equity series and the leaderboard. A portfolio costs one
 * read of the valuation and one of each held symbol's last close; a series one read of the account's
 * days and one of the closes of the symbols it held. The leaderboard is served from memory
 * ({@link LeaderboardCache}): one small read per query tells whether a newer ranking exists.
 */
@Component
public class PerformanceQueryHandler {

    private final MongoCollection<Document> valuations;
    private final MongoCollection<Document> days;
    private final MongoCollection<Document> closes;
    private final InstrumentFormats formats;
    private final Clock clock;
    private final LeaderboardCache leaderboard;

    public PerformanceQueryHandler(MongoDatabase database, InstrumentFormats formats, Clock clock) {
        this.valuations = database.getCollection(ReadModelCollections.VALUATIONS);
        this.days = database.getCollection(ReadModelCollections.VALUATION_DAYS);
        this.closes = database.getCollection(ReadModelCollections.DAILY_CLOSES);
        this.formats = formats;
        this.clock = clock;
        this.leaderboard = new LeaderboardCache(database);
    }

    @QueryHandler
    public PortfolioView handle(FindPortfolioQuery query) {
        Document document = valuations.find(Filters.eq("_id", query.accountId().value())).first();
        if (document == null || document.getString(OWNER) == null) {
            return null;
        }
        Valuation valuation = Valuation.of(query.accountId().value(), document);
        List<PortfolioPositionView> positions = new ArrayList<>();
        BigDecimal exactPositions = BigDecimal.ZERO;
        long unrealized = 0;
        for (Valuation.Position position : valuation.positions.values()) {
            if (position.quantity == 0) {
                continue;
            }
            InstrumentSpec spec = formats.require(position.symbol);
            Long last = DailyCloses.latest(closes, position.symbol).orElse(null);
            exactPositions = exactPositions.add(MarketValues.exactCents(spec, position.quantity, last));
            long marketValue = MarketValues.marketValueCents(spec, position.quantity, last);
            long positionUnrealized = Math.subtractExact(marketValue, position.cost);
            unrealized = Math.addExact(unrealized, positionUnrealized);
            long average = PerformanceFormulas.averagePriceTicks(position.cost, position.quantity, spec.tickSize(), spec.lotSize());
            positions.add(new PortfolioPositionView(position.symbol, spec.format(Quantity.ofLots(position.quantity)),
                    priceString(spec, average), last == null ? null : spec.format(Price.ofTicks(last)), cash(marketValue),
                    cash(position.realized), cash(positionUnrealized)));
        }
        return new PortfolioView(valuation.accountId, valuation.owner, cash(valuation.cash),
                cash(MarketValues.equityCents(valuation.cash, exactPositions)), cash(valuation.netDeposits),
                cash(valuation.realized), cash(unrealized), positions);
    }

    @QueryHandler
    public EquityHistory handle(FindEquityHistoryQuery query) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (query.from() != null && query.to() != null && query.from().isAfter(query.to())) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "from must not be after to");
        }
        LocalDate end = query.to() == null || query.to().isAfter(today) ? today : query.to();
        if (query.from() != null && ChronoUnit.DAYS.between(query.from(), query.to() == null ? today : query.to()) + 1
                > FindEquityHistoryQuery.MAX_DAYS) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST,
                    "an equity history spans at most " + FindEquityHistoryQuery.MAX_DAYS + " days");
        }
        String accountId = query.accountId().value();
        Document valuation = valuations.find(Filters.eq("_id", accountId)).first();
        if (valuation == null || valuation.getString(FIRST_DAY) == null) {
            return new EquityHistory(List.of());
        }
        LocalDate firstDay = LocalDate.parse(valuation.getString(FIRST_DAY));
        LocalDate start = query.from() != null ? later(query.from(), firstDay)
                : later(firstDay, end.minusDays(FindEquityHistoryQuery.MAX_DAYS - 1));
        if (start.isAfter(end)) {
            return new EquityHistory(List.of());
        }
        List<EquitySeries.State> states = new ArrayList<>();
        Set<String> symbols = new LinkedHashSet<>();
        for (Document day : days.find(CompositeIds.listing(accountId, null)).sort(new Document("_id", 1))) {
            EquitySeries.State state = EquitySeries.State.ofDay(day);
            if (state.day().isAfter(end)) {
                break;
            }
            states.add(state);
            symbols.addAll(state.lots().keySet());
        }
        DailyCloses dailyCloses = DailyCloses.of(closes, symbols);
        List<EquityDayView> views = new ArrayList<>();
        for (EquitySeries.Day day : EquitySeries.between(states, dailyCloses, formats::require, start, end)) {
            views.add(new EquityDayView(day.day().toString(), cash(day.equity()), cash(day.netDeposits())));
        }
        return new EquityHistory(views);
    }

    @QueryHandler
    public LeaderboardPage handle(FindLeaderboardQuery query) {
        return leaderboard.page(query);
    }

    /** The trader's figures in the latest ranking of the period; null when not ranked. */
    @QueryHandler
    public TraderStatsView handle(FindTraderStatsQuery query) {
        return leaderboard.stats(query.userId().value(), query.period()).orElse(null);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static String cash(long cents) {
        return Cash.ofCents(cents).toDecimalString();
    }

    /** A price in whole ticks as a decimal of the tick size's scale (zero included: a cost-free position). */
    private static String priceString(InstrumentSpec spec, long ticks) {
        BigDecimal value = spec.tickSize().multiply(BigDecimal.valueOf(ticks));
        return value.setScale(Math.max(0, spec.tickSize().stripTrailingZeros().scale()), RoundingMode.UNNECESSARY).toPlainString();
    }
}
