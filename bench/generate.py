#!/usr/bin/env python3
"""Generates a realistic synthetic AKS platform repository for benchmarks.

    bench/generate.py OUT_DIR --files N [--seed S]

The repository looks like a platform monorepo: per-environment Terraform
roots calling local modules (cluster, velero storage, backup vault), tfvars,
and many namespaces with workloads, PVCs, CRDs and custom resources, Velero
Helm values and Schedule CRs. Most files are Kubernetes YAML (about 98%;
each environment adds 3 Terraform files), unlike the shared corpus, which
is about half Terraform: compare .tf throughput on the corpus.
"""
import argparse
import os
import random

REGIONS = ["westeurope", "northeurope", "eastus2", "westus3", "uksouth", "swedencentral"]
SKUS = ["LRS", "GRS", "ZRS", "RAGRS"]
CLASSES = ["managed-csi", "managed-csi-premium", "azurefile-csi", "default"]


def w(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def module_cluster(d):
    w(f"{d}/main.tf", """resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-${var.name}"
  location            = var.location
  resource_group_name = var.resource_group_name
  dns_prefix          = var.name

  default_node_pool {
    name       = "system"
    node_count = var.node_count
    vm_size    = "Standard_D4s_v5"
    zones      = var.zones
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  for_each              = toset(var.pools)
  name                  = each.key
  kubernetes_cluster_id = azurerm_kubernetes_cluster.this.id
  vm_size               = "Standard_D8s_v5"
  node_count            = 3
  zones                 = var.zones
}
""")
    w(f"{d}/variables.tf", """variable "name" { type = string }
variable "location" { type = string }
variable "resource_group_name" { type = string }
variable "node_count" {
  type    = number
  default = 3
}
variable "zones" {
  type    = list(string)
  default = ["1", "2", "3"]
}
variable "pools" {
  type    = list(string)
  default = ["apps", "batch"]
}
""")
    w(f"{d}/outputs.tf", """output "id" { value = azurerm_kubernetes_cluster.this.id }
output "location" { value = azurerm_kubernetes_cluster.this.location }
""")


def module_storage(d):
    w(f"{d}/main.tf", """resource "azurerm_storage_account" "velero" {
  name                     = lower(format("stvelero%s", var.suffix))
  resource_group_name      = var.resource_group_name
  location                 = var.location
  account_tier             = "Standard"
  account_replication_type = var.replication

  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = 14
    }
  }
}

resource "azurerm_storage_container" "velero" {
  name                  = "velero"
  storage_account_name  = azurerm_storage_account.velero.name
  container_access_type = "private"
}
""")
    w(f"{d}/variables.tf", """variable "suffix" { type = string }
variable "location" { type = string }
variable "resource_group_name" { type = string }
variable "replication" {
  type    = string
  default = "GRS"
}
""")


def env_root(d, env, region, dr_region, sku):
    w(f"{d}/main.tf", f"""locals {{
  name = "{env}"
  tags = {{
    environment = local.name
    cost_center = "platform"
  }}
}}

resource "azurerm_resource_group" "main" {{
  name     = "rg-${{local.name}}"
  location = var.location
  tags     = local.tags
}}

resource "azurerm_resource_group" "dr" {{
  name     = "rg-${{local.name}}-dr"
  location = var.dr_location
}}

module "cluster" {{
  source              = "../../modules/cluster"
  name                = local.name
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
}}

module "velero_storage" {{
  source              = "../../modules/storage"
  suffix              = replace(local.name, "-", "")
  location            = azurerm_resource_group.dr.location
  resource_group_name = azurerm_resource_group.dr.name
  replication         = "{sku}"
}}
""")
    w(f"{d}/variables.tf", """variable "location" { type = string }
variable "dr_location" { type = string }
""")
    w(f"{d}/terraform.tfvars", f'location    = "{region}"\ndr_location = "{dr_region}"\n')


def namespace_files(d, ns, rnd, crd_kinds):
    rpo = rnd.choice(["15m", "1h", "4h", "24h"])
    w(f"{d}/namespace.yaml", f"""apiVersion: v1
kind: Namespace
metadata:
  name: {ns}
  labels:
    team: {ns.split('-')[0]}
  annotations:
    drlint.io/rpo: "{rpo}"
    drlint.io/rto: "2h"
""")
    sc = rnd.choice(CLASSES)
    w(f"{d}/statefulset.yaml", f"""apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: {ns}
spec:
  serviceName: db
  replicas: {rnd.randint(1, 3)}
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
      annotations:
        backup.velero.io/backup-volumes: data
    spec:
      containers:
        - name: db
          image: postgres:16
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        storageClassName: {sc}
        resources:
          requests:
            storage: {rnd.choice([8, 32, 64, 128])}Gi
---
apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: {ns}
spec:
  clusterIP: None
  selector:
    app: db
  ports:
    - port: 5432
""")
    w(f"{d}/deployment.yaml", f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: {ns}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: ghcr.io/example/{ns}-api:1.0.{rnd.randint(0, 99)}
          env:
            - name: LOG_LEVEL
              value: info
          volumeMounts:
            - name: cache
              mountPath: /cache
      volumes:
        - name: cache
          persistentVolumeClaim:
            claimName: cache
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: cache
  namespace: {ns}
spec:
  accessModes: ["ReadWriteOnce"]
  storageClassName: {rnd.choice(CLASSES)}
  resources:
    requests:
      storage: 10Gi
""")
    kind, group = rnd.choice(crd_kinds)
    w(f"{d}/{kind.lower()}.yaml", f"""apiVersion: {group}/v1
kind: {kind}
metadata:
  name: {ns}-{kind.lower()}
  namespace: {ns}
spec:
  replicas: 2
  size: small
""")
    w(f"{d}/external-secret.yaml", f"""apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: {ns}-db
  namespace: {ns}
spec:
  refreshInterval: 1h
  secretStoreRef:
    kind: ClusterSecretStore
    name: platform
  target:
    name: {ns}-db
  data:
    - secretKey: password
      remoteRef:
        key: {ns}-db-password
""")
    return 5


def crd(d, kind, group):
    plural = kind.lower() + "s"
    w(f"{d}/{plural}.{group}.yaml", f"""apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: {plural}.{group}
spec:
  group: {group}
  scope: Namespaced
  names:
    kind: {kind}
    plural: {plural}
    singular: {kind.lower()}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              x-kubernetes-preserve-unknown-fields: true
""")


def velero_values(d, env, namespaces):
    incl = "\n".join(f"        - {n}" for n in namespaces[:50])
    w(f"{d}/values.yaml", f"""configuration:
  backupStorageLocation:
    - name: default
      provider: azure
      bucket: velero
      config:
        resourceGroup: rg-{env}-dr
        storageAccount: stvelero{env.replace('-', '')}
  volumeSnapshotLocation:
    - name: default
      provider: azure
  defaultVolumesToFsBackup: true
deployNodeAgent: true
credentials:
  useSecret: true
  existingSecret: velero-credentials
schedules:
  hourly:
    schedule: "0 * * * *"
    template:
      ttl: "168h"
      includedNamespaces:
{incl}
  daily:
    schedule: "0 2 * * *"
    template:
      ttl: "720h"
      includedNamespaces:
        - "*"
""")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    out = a.out
    module_cluster(f"{out}/terraform/modules/cluster")
    module_storage(f"{out}/terraform/modules/storage")
    count = 5
    crd_kinds = [(f"Widget{i}", f"apps{i}.example.com") for i in range(20)]
    for kind, group in crd_kinds:
        crd(f"{out}/kubernetes/crds", kind, group)
        count += 1
    env = 0
    ns = 0
    while count < a.files:
        env_name = f"env{env}"
        region = rnd.choice(REGIONS)
        env_root(f"{out}/terraform/envs/{env_name}", env_name, region, rnd.choice(REGIONS), rnd.choice(SKUS))
        count += 3
        names = []
        for _ in range(30):
            if count >= a.files:
                break
            name = f"team{ns}-svc"
            names.append(name)
            count += namespace_files(f"{out}/kubernetes/{env_name}/{name}", name, rnd, crd_kinds)
            ns += 1
        velero_values(f"{out}/velero/{env_name}", env_name, names)
        count += 1
        env += 1
    print(f"generated {count} files in {out}")


if __name__ == "__main__":
    main()
