# One image for the three wirewatch services: the container's command is the subcommand
# (`ingest --source ...`, `enrich`, `aggregate`), see docker-compose.yml.

# ---- build: the shaded jar app/target/wirewatch.jar ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The poms first, so the dependency download is cached until a pom changes. go-offline cannot
# resolve the project's own not-yet-built modules; whatever it misses, `package` fetches below.
COPY pom.xml ./
COPY common/pom.xml common/
COPY ingest/pom.xml ingest/
COPY enrich/pom.xml enrich/
COPY aggregate/pom.xml aggregate/
COPY app/pom.xml app/
RUN mvn -B -q dependency:go-offline || true
COPY . .
# the services' jar only (the JMH benchmarks module is not needed in the image)
RUN mvn -B -q -DskipTests package -pl app -am

# ---- run ----
FROM eclipse-temurin:17-jre
RUN groupadd --system wirewatch \
 && useradd --system --gid wirewatch --home-dir /var/lib/wirewatch --shell /usr/sbin/nologin wirewatch \
 && mkdir -p /var/lib/wirewatch /etc/wirewatch/sources \
 && chown -R wirewatch:wirewatch /var/lib/wirewatch
COPY --from=build /src/app/target/wirewatch.jar /opt/wirewatch/wirewatch.jar
# Kafka Streams state; a named volume in docker-compose.yml keeps it across restarts.
ENV WIREWATCH_STATE_DIR=/var/lib/wirewatch
VOLUME ["/var/lib/wirewatch"]
WORKDIR /var/lib/wirewatch
USER wirewatch
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/wirewatch/wirewatch.jar"]
CMD ["--help"]
