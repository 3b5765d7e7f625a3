resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D8s_v5"
  node_count            = 3
  zones                 = ["1", "2", "3"]
}

resource "azurerm_kubernetes_cluster_node_pool" "batch" { # expect: DR060
  name                  = "batch"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_F8s_v2"
  enable_auto_scaling   = true
  min_count             = 0
  max_count             = 10
}
