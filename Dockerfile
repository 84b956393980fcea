# syntax=docker/dockerfile:1.7
# One image for the operator and for the sync Jobs it starts:
#   operator:  pipedrive-sync operator          (the Deployment's args)
#   sync Job:  pipedrive-sync sync --domain ... (args set by the operator)

ARG NODE_MAJOR=22

# --- build: compile TypeScript and the native SQLite driver -----------------------------
FROM node:${NODE_MAJOR}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/.cache

# --- runtime: distroless Node, no shell, no package manager, non-root -------------------
FROM gcr.io/distroless/nodejs${NODE_MAJOR}-debian12:nonroot AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="pipedrive-sync-operator" \
      org.opencontainers.image.description="Kubernetes operator and CLI that replicates Pipedrive CRM data into PostgreSQL, MySQL/MariaDB and SQLite" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/pipedrive-sync/pipedrive-sync-operator"
WORKDIR /app
ENV NODE_ENV=production
# A sync's live heap is ~25 MB whatever the company size, but without a cap V8 lets the garbage of the pages in
# flight grow the old generation to ~4x that before collecting: peak RSS rose from 235 MB (100k records) to
# 261 MB (300k). With the cap it collects sooner and stays flat (docs/benchmarks.md, memory). The operator's
# Deployment sets its own NODE_OPTIONS.
ENV NODE_OPTIONS=--max-old-space-size=256
COPY --from=build --chown=0:0 /app/package.json ./package.json
COPY --from=build --chown=0:0 /app/node_modules ./node_modules
COPY --from=build --chown=0:0 /app/dist ./dist
COPY --chown=0:0 bin ./bin
COPY --chown=0:0 deploy/crds ./deploy/crds
# 65532 is distroless's "nonroot"; numeric so runAsNonRoot can be verified by the kubelet.
USER 65532:65532
# Nothing is written outside /tmp (an emptyDir in the manifests), so the root filesystem can be read-only.
ENTRYPOINT ["/nodejs/bin/node", "/app/bin/pipedrive-sync.js"]
CMD ["operator"]
