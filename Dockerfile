# One image for every BudFlow component: `budflow operator|runner|gateway|run ...`.
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig*.json ./
COPY runtime/package.json runtime/
COPY nodes/package.json nodes/
COPY operator/package.json operator/
COPY webhook-gateway/package.json webhook-gateway/
COPY cli/package.json cli/
COPY stack/package.json stack/
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends bubblewrap python3 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src /app
USER 65532:65532
ENTRYPOINT ["node", "/app/cli/dist/main.js"]
