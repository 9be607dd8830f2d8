FROM maven:3-eclipse-temurin-21
WORKDIR /src
COPY . .
RUN mvn -q package && cp target/*.jar target/api.jar
