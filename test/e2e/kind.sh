#!/usr/bin/env bash
# End-to-end on a real cluster, for people who have Docker and kind (it cannot run where no
# Docker engine is available, such as this project's CI, which uses a local control plane instead).
#
#   test/e2e/kind.sh            build the image, create a kind cluster, install, sync, check rows
#   KEEP_CLUSTER=1 test/e2e/kind.sh   leave the cluster running afterwards
#
# It installs the operator with `kubectl apply -k deploy/`, runs the bundled Pipedrive simulator
# and a PostgreSQL as in-cluster Services, applies a connection and a SyncJob, waits for the run
# and checks that rows arrived in PostgreSQL.
set -euo pipefail

cluster="${KIND_CLUSTER:-pipedrive-sync-e2e}"
image="pipedrive-sync-operator:e2e"
ns="sales-data"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

need() { command -v "$1" >/dev/null || { echo "kind.sh needs $1 on PATH" >&2; exit 2; }; }
need docker; need kind; need kubectl

step() { printf '\n==> %s\n' "$*"; }
cleanup() {
  if [[ "${KEEP_CLUSTER:-0}" != "1" ]]; then kind delete cluster --name "$cluster" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

step "Building $image"
docker build -t "$image" "$root"

step "Creating kind cluster $cluster"
kind get clusters | grep -qx "$cluster" || kind create cluster --name "$cluster" --wait 120s
kind load docker-image "$image" --name "$cluster"

step "Installing the operator (kubectl apply -k deploy/)"
kubectl kustomize "$root/deploy" \
  | sed "s#ghcr.io/pipedrive-sync/pipedrive-sync-operator:v0.1.0#$image#g" \
  | grep -v '^$' > /tmp/pipedrive-sync-install.yaml
# ServiceMonitor and PrometheusRule need the Prometheus Operator's CRDs, which kind lacks.
kubectl apply --server-side -f /tmp/pipedrive-sync-install.yaml 2>&1 | grep -v 'monitoring.coreos.com' || true
kubectl -n pipedrive-sync-system set env deploy/pipedrive-sync-operator OPERATOR_IMAGE="$image"
kubectl -n pipedrive-sync-system rollout status deploy/pipedrive-sync-operator --timeout=180s

step "Starting the simulator and PostgreSQL in $ns"
kubectl create namespace "$ns" --dry-run=client -o yaml | kubectl apply -f -
kubectl apply -n "$ns" -f - <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: pipedrive-simulator }
spec:
  selector: { matchLabels: { app: pipedrive-simulator } }
  template:
    metadata: { labels: { app: pipedrive-simulator } }
    spec:
      containers:
        - name: simulator
          image: $image
          args: [simulator, --host, 0.0.0.0, --port, "8080", --seed, "7", --scale, "2000", --token, e2e-simulator-token-0123456789]
          ports: [{ containerPort: 8080 }]
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: [ALL] }, seccompProfile: { type: RuntimeDefault } }
---
apiVersion: v1
kind: Service
metadata: { name: pipedrive-simulator }
spec: { selector: { app: pipedrive-simulator }, ports: [{ port: 8080 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: postgres }
spec:
  selector: { matchLabels: { app: postgres } }
  template:
    metadata: { labels: { app: postgres } }
    spec:
      containers:
        - name: postgres
          image: postgres:16
          env: [{ name: POSTGRES_PASSWORD, value: e2e-password }]
          ports: [{ containerPort: 5432 }]
---
apiVersion: v1
kind: Service
metadata: { name: postgres }
spec: { selector: { app: postgres }, ports: [{ port: 5432 }] }
YAML
kubectl -n "$ns" rollout status deploy/pipedrive-simulator --timeout=120s
kubectl -n "$ns" rollout status deploy/postgres --timeout=180s

step "Applying a connection and a SyncJob"
kubectl apply -n "$ns" -f - <<YAML
apiVersion: v1
kind: Secret
metadata: { name: simulator-token }
stringData: { apiToken: e2e-simulator-token-0123456789 }
---
apiVersion: v1
kind: Secret
metadata: { name: warehouse }
stringData: { url: "postgres://postgres:e2e-password@postgres.$ns.svc:5432/postgres?schema=pipedrive" }
---
apiVersion: pipedrive.sync.dev/v1alpha1
kind: PipedriveConnection
metadata: { name: simulator }
spec:
  companyDomain: demo-company
  apiUrl: http://pipedrive-simulator.$ns.svc:8080
  auth: { scheme: Basic, apiTokenSecretRef: { name: simulator-token, key: apiToken } }
---
apiVersion: pipedrive.sync.dev/v1alpha1
kind: SyncJob
metadata: { name: simulator-to-postgres }
spec:
  connectionRef: { name: simulator }
  tables: [deals, persons, organizations, activities, users, pipelines, stages]
  destination: { type: postgres, urlSecretRef: { name: warehouse, key: url } }
YAML

step "Waiting for the connection and the run"
kubectl -n "$ns" wait pdconn/simulator --for=condition=Ready --timeout=120s
for _ in $(seq 1 120); do
  result="$(kubectl -n "$ns" get pdsync simulator-to-postgres -o jsonpath='{.status.lastRun.result}' 2>/dev/null || true)"
  [[ "$result" == "Succeeded" || "$result" == "Failed" ]] && break
  sleep 5
done
kubectl -n "$ns" get pdconn,pdsync,jobs
[[ "$result" == "Succeeded" ]] || { echo "the run did not succeed (result: ${result:-none})" >&2; exit 1; }

step "Checking rows in PostgreSQL"
deals="$(kubectl -n "$ns" exec deploy/postgres -- psql -U postgres -tAc 'select count(*) from pipedrive.deals')"
echo "deals in PostgreSQL: $deals"
[[ "$deals" -gt 0 ]] || { echo "no deals arrived" >&2; exit 1; }
echo "e2e on kind: OK"
