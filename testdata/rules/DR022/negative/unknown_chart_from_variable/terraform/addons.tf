variable "operator_chart" {
  type        = string
  description = "Chart of the database operator, chosen per environment."
}

resource "helm_release" "db_operator" {
  name       = "db-operator"
  repository = "oci://contoso.azurecr.io/charts"
  chart      = var.operator_chart
  namespace  = "db-operator"
}
