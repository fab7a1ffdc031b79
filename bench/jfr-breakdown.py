#!/usr/bin/env python3
"""Where a Kurz replica spends its CPU, from a JFR recording: every execution sample is given to
the innermost step of the redirect path found in its stack (the rate limiter inside the filter
that calls it, the controller inside Spring MVC, ...), or to the thread it ran on for work off the
request path (click writer, log writer, Redis and JDBC I/O).

    jfr print --json --stack-depth 512 --events jdk.ExecutionSample rec.jfr > samples.json
    bench/jfr-breakdown.py samples.json

bench/redirect.sh --profile runs both and keeps the output.
"""
import json
import sys
from collections import Counter

# (substring of "class.method", step) in the order of the filter chain, innermost first: a sample
# goes to the first step whose frame is anywhere in its stack.
STEPS = [
    ("dev.kurz.analytics.ClientHasher.hash", "click: HMAC of the client address"),
    ("dev.kurz.analytics.ClickRecorder.record", "click: offer to the buffer"),
    ("dev.kurz.redirect.RedisLinkCache", "lookup: Redis"),
    ("dev.kurz.link.LinkService", "lookup: PostgreSQL"),
    ("dev.kurz.redirect.ShortUrlResolver", "lookup: in-process cache"),
    ("dev.kurz.redirect.Redirector", "redirect: 302 response"),
    ("dev.kurz.redirect.RedirectController", "redirect: 302 response"),
    ("org.springframework.web.servlet.DispatcherServlet.doService", "Spring MVC dispatch"),
    ("dev.kurz.redirect.RedirectFastPathFilter", "redirect: fast-path filter"),
    # Everything between the limiter and the redirect (or DispatcherServlet): trailing-slash
    # handling, the JSON size limit, Spring's own once-per-request filters.
    ("dev.kurz.web.JsonBodyLimitFilter", "filters after the limiter"),
    ("dev.kurz.web.TrailingSlashFilter", "filters after the limiter"),
    ("org.springframework.web.filter.UrlHandlerFilter", "filters after the limiter"),
    ("dev.kurz.ratelimit.RateLimiter", "rate limiter: Bucket4j on Redis"),
    ("dev.kurz.ratelimit.RateLimitFilter", "rate limiter: filter and headers"),
    ("dev.kurz.web.", "filter: security headers"),
    ("org.springframework.web.filter.ServerHttpObservationFilter", "observation (http.server.requests)"),
    ("dev.kurz.ops.RequestIdFilter", "request id, MDC, access log line"),
    ("org.apache.catalina.", "Tomcat servlet container"),
    ("org.apache.coyote.", "Tomcat HTTP parsing and writing"),
    ("org.apache.tomcat.", "Tomcat sockets"),
]

THREADS = [
    ("click-writer", "off path: click writer (JDBC batch)"),
    ("AsyncAppender", "off path: access log encoder (JSON)"),
    ("logback-appender", "off path: access log encoder (JSON)"),
    ("lettuce-", "Redis client I/O (Lettuce/Netty)"),
    ("HikariPool", "off path: Hikari housekeeping"),
    ("http-nio", "Tomcat acceptor/poller"),
    ("ForkJoinPool", "virtual-thread scheduler"),
    ("C1 CompilerThread", "JIT"),
    ("C2 CompilerThread", "JIT"),
    ("GC Thread", "GC"),
    ("G1 ", "GC"),
]


def frame_name(frame):
    method = frame.get("method", {})
    cls = method.get("type", {}).get("name", "?").replace("/", ".")
    return cls + "." + method.get("name", "?")


def step_of(event):
    values = event["values"]
    thread = (values.get("sampledThread") or values.get("eventThread") or {})
    name = thread.get("javaName") or thread.get("osName") or ""
    frames = [frame_name(f) for f in (values.get("stackTrace") or {}).get("frames", [])]
    return step_for(name, frames)


def step_for(thread, frames):
    """The step of a sample taken on the named thread with these "class.method" frames (any order)."""
    for needle, step in STEPS:
        if any(needle in f for f in frames):
            return step
    for needle, step in THREADS:
        if needle in thread:
            return step
    if any("io.netty." in f or "io.lettuce." in f for f in frames):
        return "Redis client I/O (Lettuce/Netty)"
    if any("org.postgresql." in f for f in frames):
        return "off path: PostgreSQL driver"
    return "other: " + (frames[0] if frames else thread or "?")


def main():
    with open(sys.argv[1]) as f:
        events = json.load(f)["recording"]["events"]
    steps = Counter(step_of(e) for e in events)
    total = sum(steps.values())
    if total == 0:
        print("no samples")
        return
    print(f"{'step':<48} {'samples':>8} {'share':>7}")
    other = 0
    for step, count in steps.most_common():
        if step.startswith("other: ") and count / total < 0.01:
            other += count
            continue
        print(f"{step:<48} {count:>8} {100 * count / total:>6.1f}%")
    if other:
        print(f"{'other (each under 1%)':<48} {other:>8} {100 * other / total:>6.1f}%")
    print(f"{'total':<48} {total:>8}")


if __name__ == "__main__":
    main()
