# Build the runnable jar, then run it on a JRE as a non-root user.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# -DskipTests still builds the test-jars other modules' builds resolve; it runs no test and installs nothing.
RUN mvn -q -B -ntp -DskipTests -pl engine -am package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/vigil --create-home vigil \
 && mkdir -p /var/lib/vigil/data && chown -R vigil:vigil /var/lib/vigil
COPY --from=build /src/engine/target/vigil.jar /opt/vigil/vigil.jar
USER vigil
WORKDIR /var/lib/vigil
# The heap follows the container's memory limit; VIGIL_JAVA_OPTS adds to (or overrides) it.
ENV VIGIL_HTTP_HOST=0.0.0.0 \
    VIGIL_HTTP_PORT=8080 \
    VIGIL_STORAGE_DATA_DIR=/var/lib/vigil/data \
    VIGIL_JAVA_OPTS=""
EXPOSE 8080
# Created and owned by the vigil user above, so a named or anonymous volume starts writable.
VOLUME ["/var/lib/vigil/data"]
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${VIGIL_HTTP_PORT:-8080}/health" >/dev/null || exit 1
ENTRYPOINT ["/bin/sh", "-c", "exec java -XX:MaxRAMPercentage=75 $VIGIL_JAVA_OPTS -jar /opt/vigil/vigil.jar \"$@\"", "vigil"]
CMD ["start"]
