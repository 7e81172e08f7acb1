# Build a static binary, then ship it alone in a minimal image.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/sanctuaire ./cmd/sanctuaire

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/sanctuaire /usr/local/bin/sanctuaire
# distroless/static carries the CA certificates and runs as the nonroot user (65532).
USER nonroot:nonroot
WORKDIR /home/nonroot
ENV SANCTUAIRE_DATA=/home/nonroot/sanctuaire.db
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/sanctuaire"]
CMD ["run"]
