# Build the runnable jar, then run it on a JRE as a non-root user.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests -pl engine -am package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/vigil --create-home vigil
COPY --from=build /src/engine/target/vigil.jar /opt/vigil/vigil.jar
USER vigil
WORKDIR /var/lib/vigil
ENV VIGIL_HTTP_HOST=0.0.0.0 \
    VIGIL_HTTP_PORT=8080 \
    VIGIL_STORAGE_DATA_DIR=/var/lib/vigil/data
EXPOSE 8080
VOLUME ["/var/lib/vigil/data"]
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health >/dev/null || exit 1
ENTRYPOINT ["java", "-jar", "/opt/vigil/vigil.jar"]
CMD ["start"]
