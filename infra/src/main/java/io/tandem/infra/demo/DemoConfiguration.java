package io.tandem.infra.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.infra.config.TandemProperties;
import io.tandem.infra.security.TokenIssuer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;

/**
 * Wires the demo market, which exists only with {@code tandem.demo=true} (off by default; outside the
 * embedded profile also only with {@code tandem.demo.allow-in-production=true}, see
 * {@link DemoProductionGuard}). Its clients speak to the port the web server actually listens on,
 * read once the server runs, on loopback unless {@code server.address} names a particular host.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tandem.demo", havingValue = "true")
@EnableConfigurationProperties(DemoProperties.class)
public class DemoConfiguration {

    @Bean
    public DemoMarket demoMarket(DemoProperties properties, TokenIssuer tokenIssuer, TandemProperties tandem,
                                 ObjectMapper objectMapper, Clock clock, ApplicationContext context,
                                 Environment environment) {
        String address = environment.getProperty("server.address", "");
        String host = address.isBlank() || address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1"
                : address.contains(":") ? "[" + address + "]" : address;
        return new DemoMarket(properties, new DemoTokens(tokenIssuer, clock, tandem.security().tokenTtl()),
                new DemoAccounts(tandem.ensureDataDir()), objectMapper,
                () -> context instanceof WebServerApplicationContext web && web.getWebServer() != null
                        ? web.getWebServer().getPort() : -1, host, clock);
    }
}
