Profile: ParcoursObservationAuditC
Parent: Observation
Id: parcours-observation-auditc
Title: "AUDIT-C"
Description: "Score total AUDIT-C (LOINC 75626-2, 0 à 12) avec, si disponibles, les trois items du questionnaire (panel LOINC 72109-2). — AUDIT-C total score with, when available, the three items of the questionnaire (LOINC panel 72109-2)."
* insert ParcoursMetadata
* insert ConsumptionObservation
* obeys parcours-auditc-range
* code = $LNC#75626-2
* value[x] 1..1 MS
* value[x] only integer
* component MS
* component ^slicing.discriminator[0].type = #pattern
* component ^slicing.discriminator[0].path = "code"
* component ^slicing.rules = #open
* component contains frequency 0..1 MS and typicalDay 0..1 MS and sixOrMore 0..1 MS
* component[frequency].code = $LNC#68518-0
* component[frequency].value[x] only integer
* component[typicalDay].code = $LNC#68519-8
* component[typicalDay].value[x] only integer
* component[sixOrMore].code = $LNC#68520-6
* component[sixOrMore].value[x] only integer
