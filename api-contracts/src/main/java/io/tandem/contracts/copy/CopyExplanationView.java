package io.tandem.contracts.copy;

/** {@link MirrorExplanation} as strings: equities in cash, ratio as a decimal, quantities in the instrument's units. */
public record CopyExplanationView(String leaderEquity, String copyEquity, String ratio, String rawQuantity,
                                  String finalQuantity, String cutBy) {
}
