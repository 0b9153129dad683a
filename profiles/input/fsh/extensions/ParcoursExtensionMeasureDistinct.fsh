Extension: ParcoursExtensionMeasureDistinct
Id: parcours-measure-distinct
Title: "Compter des valeurs distinctes / Count distinct values"
Description: "La population compte les valeurs distinctes de cette expression FHIRPath (par exemple les personnes) sur les ressources qui la remplissent, au lieu des ressources. — The population counts the distinct values of this FHIRPath expression (e.g. people) over its resources, instead of the resources."
* insert ParcoursMetadata
* ^context[0].type = #element
* ^context[0].expression = "Measure.group.population"
* value[x] only string
