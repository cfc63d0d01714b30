package io.tandem.command.orderentry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.command.support.LookupTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Order entry's table of client order ids as a {@link LookupTable}: rebuilt from the books' events
 * when it is behind the event log ({@link OrderEntryRecordRebuild}), written by order entry itself
 * on the live path.
 */
@Configuration(proxyBeanMethods = false)
public class OrderEntryRebuildConfiguration {

    static final String TABLE = "order-entry";

    @Bean
    LookupTable orderEntryTable(OrderEntryRecordRepository orders, ObjectMapper objectMapper) {
        return LookupTable.of(TABLE, new OrderEntryRecordRebuild(orders, objectMapper), OrderEntryRecord.class);
    }
}
