Profile: ParcoursObservationTobaccoUse
Parent: Observation
Id: parcours-observation-tobacco-use
Title: "Statut tabagique / Tobacco use"
Description: "Statut tabagique (LOINC 72166-2, valeur SNOMED CT). — Tobacco smoking status (LOINC 72166-2, SNOMED CT value)."
* insert ParcoursMetadata
* insert ConsumptionObservation
* code = $LNC#72166-2
* value[x] 1..1 MS
* value[x] only CodeableConcept
* valueCodeableConcept from ParcoursValueSetTobaccoUseStatus (extensible)
