resource "azurerm_resource_group" "weu" {
  name     = "rg-aks-weu"
  location = "westeurope"
}

resource "azurerm_resource_group" "neu" {
  name     = "rg-aks-neu"
  location = "northeurope"
}

resource "azurerm_kubernetes_cluster" "primary" {
  name                = "aks-prod-weu"
  location            = azurerm_resource_group.weu.location
  resource_group_name = azurerm_resource_group.weu.name
  dns_prefix          = "aksprodweu"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
    zones      = ["1", "2", "3"]
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "standby" {
  name                = "aks-prod-neu"
  location            = azurerm_resource_group.neu.location
  resource_group_name = azurerm_resource_group.neu.name
  dns_prefix          = "aksprodneu"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 2
    zones      = ["1", "2", "3"]
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_cdn_frontdoor_profile" "payments" {
  name                = "afd-payments"
  resource_group_name = azurerm_resource_group.weu.name
  sku_name            = "Standard_AzureFrontDoor"
}
