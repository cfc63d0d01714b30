package io.tandem.infra.security;

import io.tandem.TandemApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded application as {@code java -jar} starts it, dev tokens on (the default) and no
 * {@code server.address}: the server listens on loopback only, so the dev token endpoint answers on
 * 127.0.0.1 and cannot be reached through this machine's other addresses.
 */
class DevTokenLoopbackBindingTest {

    @TempDir
    static Path dataDir;

    @Test
    void theDefaultEmbeddedApplicationListensOnLoopbackOnlyWhileDevTokensAreOn() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TandemApplication.class)
                .run("--server.port=0", "--tandem.data-dir=" + dataDir, "--spring.main.banner-mode=off")) {
            assertThat(app.getEnvironment().getProperty("tandem.security.dev-tokens-enabled", Boolean.class)).isTrue();
            WebServer server = ((ServletWebServerApplicationContext) app).getWebServer();
            int port = server.getPort();

            InetAddress bound = (InetAddress) ((TomcatWebServer) server).getTomcat().getConnector().getProperty("address");
            assertThat(bound).isNotNull();
            assertThat(bound.isLoopbackAddress()).as("bound to %s", bound).isTrue();
            assertThat(issueToken("127.0.0.1", port).statusCode()).isEqualTo(200);
            for (InetAddress other : otherAddressesOfThisMachine()) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(other, port), 2_000);
                    }
                }).as("connecting through %s", other).isInstanceOf(IOException.class);
            }
        }
    }

    private static HttpResponse<String> issueToken(String host, int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/api/v1/dev/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"alice\",\"roles\":[\"ADMIN\"]}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** This machine's IPv4 addresses other than loopback: where a server listening on every interface would answer. */
    private static List<InetAddress> otherAddressesOfThisMachine() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .toList();
    }
}
