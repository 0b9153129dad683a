Profile: ParcoursObservationAlcoholUse
Parent: Observation
Id: parcours-observation-alcohol-use
Title: "Consommation d'alcool (verres par jour) / Alcohol use (drinks per day)"
Description: "Nombre de verres standard par jour (LOINC 74013-4), suivi dans le temps à côté des objectifs de la personne. — Standard drinks per day, followed over time next to the person's goals."
* insert ParcoursMetadata
* insert ConsumptionObservation
* code = $LNC#74013-4
* value[x] 1..1 MS
* value[x] only Quantity
* valueQuantity.value 1..1
* valueQuantity.system 1..1
* valueQuantity.system = $UCUM (exactly)
* valueQuantity.code 1..1
* valueQuantity.code = #{drinks}/d (exactly)
