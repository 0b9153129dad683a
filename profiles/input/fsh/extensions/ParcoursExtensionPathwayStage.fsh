Extension: ParcoursExtensionPathwayStage
Id: parcours-pathway-stage
Title: "Étape de la feuille de route RdR / Harm-reduction roadmap stage"
Description: "Étape actuelle de la personne dans la feuille de route de réduction des risques alcool. — The person's current stage in the alcohol harm-reduction roadmap."
* insert ParcoursMetadata
* ^context[0].type = #element
* ^context[0].expression = "CarePlan"
* value[x] 1..1
* value[x] only CodeableConcept
* valueCodeableConcept from ParcoursValueSetPathwayStage (required)
