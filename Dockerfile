# syntax=docker/dockerfile:1
# Kurz: build with the Maven wrapper on a JDK, run the layered jar on a JRE as a non-root user.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
# The cache mount keeps ~/.m2 between builds without baking it into a layer.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/kurz-*.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:25-jre
# curl only serves the HEALTHCHECK below; the JRE image has no HTTP client.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 kurz \
 && useradd --system --uid 10001 --gid kurz --no-create-home --shell /usr/sbin/nologin kurz
WORKDIR /app
# Least to most often changed, so a code change rebuilds only the last layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER kurz:kurz

ENV PORT=8080
# Heap as a share of the container's memory limit; the rest is metaspace, code cache, thread
# stacks and direct buffers. ZGC: no stop-the-world copying of the heap, so no redirect waits for
# a young collection (DECISIONS.md). Override with JAVA_OPTS.
ENV JAVA_OPTS="-XX:+UseZGC -XX:MaxRAMPercentage=60 -XX:InitialRAMPercentage=30 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# /health answers 200 while PostgreSQL is reachable (also "degraded" without Redis), 503 otherwise.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/health" || exit 1
# exec: java is PID 1 and gets SIGTERM itself, so graceful shutdown drains requests and clicks.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "kurz"]
