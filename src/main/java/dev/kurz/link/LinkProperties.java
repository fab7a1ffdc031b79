package dev.kurz.link;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rules for link targets.
 *
 * @param allowPrivateTargets whether targets may name loopback, private, link-local,
 * unique-local or unspecified addresses and {@code localhost}: only for a deployment
 * inside a private network
 * @param blockedHosts hosts refused as targets, each with all its subdomains
 * @param checkStoredTargets whether each replica looks for stored targets that break
 * these rules, or cannot be sent, once at startup (in the background; it only logs)
 */
@ConfigurationProperties("kurz.links")
record LinkProperties(@DefaultValue("false") boolean allowPrivateTargets, @DefaultValue List<String> blockedHosts,
		@DefaultValue("true") boolean checkStoredTargets) {

}
