package io.tandem.query.leaderboard;

import io.tandem.contracts.leaderboard.LeaderboardEntryView;
import io.tandem.contracts.leaderboard.LeaderboardPage;
import io.tandem.query.api.Connection;

import java.util.List;

/** A Relay connection of ranked traders, with the time of the ranking shown (null before the first one). */
public record LeaderboardConnection(List<Connection.Edge<LeaderboardEntryView>> edges, Connection.PageInfo pageInfo,
                                    String computedAt) {

    static LeaderboardConnection of(LeaderboardPage page) {
        Connection<LeaderboardEntryView> connection = Connection.of(page.items(), LeaderboardEntryView::cursor, page.hasNextPage());
        return new LeaderboardConnection(connection.edges(), connection.pageInfo(), page.computedAt());
    }
}
