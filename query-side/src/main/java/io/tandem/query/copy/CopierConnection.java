package io.tandem.query.copy;

import io.tandem.contracts.copy.CopierPage;
import io.tandem.contracts.copy.CopierView;
import io.tandem.query.api.Connection;

import java.util.List;

/** A Relay connection of a leader's copiers with their public count; the edges are empty unless the caller may see them. */
public record CopierConnection(long count, List<Connection.Edge<CopierView>> edges, Connection.PageInfo pageInfo) {

    static CopierConnection of(CopierPage page) {
        Connection<CopierView> connection = Connection.of(page.items(), CopierView::cursor, page.hasNextPage(), page.endCursor());
        return new CopierConnection(page.count(), connection.edges(), connection.pageInfo());
    }
}
