Extension: ParcoursExtensionEndOfCareReason
Id: parcours-end-of-care-reason
Title: "Motif de fin d'accompagnement / End-of-care reason"
Description: "Motif de fin du plan (CarePlan terminé), recopié de la fiche de fin d'accompagnement (QuestionnaireResponse parcours-fin-accompagnement). — Why the plan ended (CarePlan completed), copied from the end-of-care record."
* insert ParcoursMetadata
* ^context[0].type = #element
* ^context[0].expression = "CarePlan"
* value[x] 1..1
* value[x] only Coding
* valueCoding from ParcoursValueSetEndOfCareReason (required)
