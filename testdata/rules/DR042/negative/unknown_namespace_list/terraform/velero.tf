variable "backup_namespaces" {
  type        = list(string)
  description = "Namespaces the nightly Velero schedule backs up."
}

resource "helm_release" "velero" {
  name             = "velero"
  repository       = "https://vmware-tanzu.github.io/helm-charts"
  chart            = "velero"
  version          = "5.1.4"
  namespace        = "velero"
  create_namespace = true

  values = [
    file("${path.module}/values.yaml"),
    yamlencode({
      schedules = {
        nightly = {
          schedule = "0 1 * * *"
          template = {
            ttl                = "720h"
            includedNamespaces = var.backup_namespaces
          }
        }
      }
    }),
  ]
}
