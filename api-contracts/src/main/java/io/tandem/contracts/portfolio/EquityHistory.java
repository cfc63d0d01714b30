package io.tandem.contracts.portfolio;

import java.util.List;

public record EquityHistory(List<EquityDayView> days) {
}
