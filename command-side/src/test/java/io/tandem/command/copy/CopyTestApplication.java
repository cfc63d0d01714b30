package io.tandem.command.copy;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The whole command side a copy touches on embedded H2: accounts, real order books, order entry,
 * profiles, relationships and copies, with copy entry and the copy engine. The other tests'
 * applications and their stand-in book are left out of the scan. Settlement runs in the sagas
 * module; these tests settle by sending its commands themselves ({@link CopyWorld#settle}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@AutoConfigurationPackage(basePackages = {"io.tandem.command.orderentry", "io.tandem.command.profile",
        "io.tandem.command.follow", "io.tandem.command.support", "io.tandem.command.copy"})
@ComponentScan(basePackages = {"io.tandem.command.account", "io.tandem.command.orderentry", "io.tandem.command.orderbook",
        "io.tandem.command.profile", "io.tandem.command.follow", "io.tandem.command.copy", "io.tandem.command.support"},
        excludeFilters = {
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = {".*\\.FakeOrderBook", ".*TestApplication"})})
class CopyTestApplication {
}
