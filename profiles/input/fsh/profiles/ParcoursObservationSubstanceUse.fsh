Profile: ParcoursObservationSubstanceUse
Parent: Observation
Id: parcours-observation-substance-use
Title: "Consommation d'autres substances / Other substance use"
Description: "Usage d'une substance autre qu'alcool et tabac (LOINC 11343-1) : la substance en valeur, la fréquence, la voie et le contexte en composants. — Use of a substance other than alcohol and tobacco: substance as the value, frequency, route and context as components."
* insert ParcoursMetadata
* insert ConsumptionObservation
* code = $LNC#11343-1
* value[x] 1..1 MS
* value[x] only CodeableConcept
* valueCodeableConcept from ParcoursValueSetSubstance (extensible)
* valueCodeableConcept ^short = "Substance"
* component MS
* component ^slicing.discriminator[0].type = #pattern
* component ^slicing.discriminator[0].path = "code"
* component ^slicing.rules = #open
* component contains frequency 0..1 MS and route 0..* MS and context 0..* MS
* component[frequency].code = ParcoursCodeSystemObservationCode#frequence
* component[frequency].value[x] only CodeableConcept
* component[frequency].valueCodeableConcept from ParcoursValueSetUseFrequency (required)
* component[route].code = ParcoursCodeSystemObservationCode#voie
* component[route].value[x] only CodeableConcept
* component[route].valueCodeableConcept from ParcoursValueSetUseRoute (required)
* component[context].code = ParcoursCodeSystemObservationCode#contexte
* component[context].value[x] only CodeableConcept
* component[context].valueCodeableConcept from ParcoursValueSetUseContext (extensible)
