package io.tandem.contracts.copy;

import java.util.List;

public record CopyList(List<CopyView> items) {
}
