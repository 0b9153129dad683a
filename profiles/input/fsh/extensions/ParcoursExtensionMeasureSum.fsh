Extension: ParcoursExtensionMeasureSum
Id: parcours-measure-sum
Title: "Additionner une valeur / Sum a value"
Description: "La population additionne cet entier (FHIRPath) sur les ressources qui la remplissent, au lieu de les compter (par exemple les participants extérieurs d'un atelier). — The population sums this integer over its resources instead of counting them."
* insert ParcoursMetadata
* ^context[0].type = #element
* ^context[0].expression = "Measure.group.population"
* value[x] only string
