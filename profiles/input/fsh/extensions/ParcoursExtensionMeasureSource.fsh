Extension: ParcoursExtensionMeasureSource
Id: parcours-measure-source
Title: "Ressources comptées par un groupe d'indicateur / Resources an indicator group counts"
Description: "La recherche FHIR standard (x-fhir-query, variables {{%periodStart}}, {{%periodEnd}}, {{%dayAfterPeriod}}, {{%searchFrom}}, {{%searchUntil}}) qui donne les ressources sur lesquelles les populations du groupe sont évaluées ; seules celles de la structure comptent (personnes dont elle gère l'équipe, ou réunions qu'elle tient). — The standard FHIR search giving the resources the group's populations are evaluated on; only the structure's count."
* insert ParcoursMetadata
* ^context[0].type = #element
* ^context[0].expression = "Measure.group"
* value[x] only Expression
* valueExpression.language = #application/x-fhir-query (exactly)
