package io.tandem.contracts.profile;

import java.util.List;

/** The profiles of several users at once (for authors and actors on a page); answers a {@link TraderSummaries}. */
public record FindTradersByIdQuery(List<String> userIds) {
}
