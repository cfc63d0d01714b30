package io.tandem.contracts.profile;

import java.util.List;

/** Answer of {@link FindTradersByIdQuery}: the users that have a profile, in no particular order. */
public record TraderSummaries(List<TraderSummary> traders) {
}
