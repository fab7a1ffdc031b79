package dev.kurz.link;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import dev.kurz.link.TargetUrl.InvalidTargetException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What Kurz accepts as a redirect target: a well-formed URL ({@link TargetUrl}) that does
 * not deceive (user info), loop (Kurz's own host) or reach into a private network, and
 * whose host is not blocked. The same rules hold wherever a target comes in: create,
 * update and CSV import.
 */
@Component
public class TargetRules {

	private final LinkProperties properties;

	private final PublicBaseUrl baseUrl;

	private final List<String> blockedHosts;

	TargetRules(LinkProperties properties, PublicBaseUrl baseUrl) {
		this.properties = properties;
		this.baseUrl = baseUrl;
		this.blockedHosts = properties.blockedHosts()
			.stream()
			.map(String::strip)
			.filter((host) -> !host.isEmpty())
			.map(TargetRules::hostOf)
			.toList();
	}

	/**
	 * Returns why {@code url} is not acceptable as a target, or {@code null} when it is.
	 */
	public String problemWith(String url) {
		TargetUrl target;
		try {
			target = TargetUrl.parse(url);
		}
		catch (InvalidTargetException ex) {
			return ex.getMessage();
		}
		if (!this.properties.allowPrivateTargets() && isPrivate(target)) {
			return "must not point at a private or local network address";
		}
		if (target.host().equals(ownHost())) {
			return "must not point at this service's own host";
		}
		for (String blocked : this.blockedHosts) {
			if (target.host().equals(blocked) || target.host().endsWith("." + blocked)) {
				return "must not point at a blocked host";
			}
		}
		return null;
	}

	/**
	 * The host short links are served on; null outside a request when no base URL is set.
	 */
	private String ownHost() {
		if (!this.baseUrl.isConfigured() && RequestContextHolder.getRequestAttributes() == null) {
			return null;
		}
		String host = URI.create(this.baseUrl.resolve()).getHost();
		return (host != null) ? hostOf("http://" + host) : null;
	}

	/** A configured host (or base URL) in the form {@link TargetUrl#host()} has. */
	private static String hostOf(String value) {
		String url = value.contains("://") ? value : "http://" + value;
		return TargetUrl.parse(url).host();
	}

	static boolean isPrivate(TargetUrl target) {
		if (target.address() == null) {
			String host = target.host();
			return host.equals("localhost") || host.endsWith(".localhost");
		}
		return isPrivate(target.address());
	}

	private static boolean isPrivate(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			// 0.0.0.0/8, "this network", is unspecified as a destination.
			return bytes[0] == 0;
		}
		if (address instanceof Inet6Address v6) {
			if ((bytes[0] & 0xfe) == 0xfc) {
				return true;
			}
			if (v6.isIPv4CompatibleAddress()) {
				try {
					return isPrivate(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
				}
				catch (UnknownHostException ex) {
					return false;
				}
			}
		}
		return false;
	}

}
