package io.tandem.saga.copy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the copy-mirror process.
 *
 * @param threads how many copy engine calls run at once ({@code tandem.copy.mirror.threads}): the
 *                mirrors of one leader trade into its copies are independent request transactions, so
 *                a few run in parallel while the process waits for all of them
 */
@ConfigurationProperties(prefix = "tandem.copy.mirror")
public record CopyMirrorProperties(@DefaultValue("4") int threads) {

    public CopyMirrorProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("tandem.copy.mirror.threads must be at least 1");
        }
    }
}
