package dev.kurz.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code Idempotency-Key} on the creating routes.
 *
 * @param retention how long a finished request's answer is kept and replayed
 * @param lockTimeout how long a request in progress holds its key; a replica that dies
 * mid-request frees it after this
 */
@ConfigurationProperties("kurz.idempotency")
record IdempotencyProperties(@DefaultValue("24h") Duration retention, @DefaultValue("60s") Duration lockTimeout) {

}
