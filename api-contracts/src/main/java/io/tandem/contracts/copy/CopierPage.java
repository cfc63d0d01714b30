package io.tandem.contracts.copy;

import java.util.List;

/** {@code count} is the number of live copies (public); {@code items} are empty unless the viewer is the leader or an admin. */
public record CopierPage(long count, List<CopierView> items, String endCursor, boolean hasNextPage) {
}
