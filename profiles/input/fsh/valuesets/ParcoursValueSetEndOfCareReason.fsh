ValueSet: ParcoursValueSetEndOfCareReason
Id: parcours-end-of-care-reason
Title: "Motifs de fin d'accompagnement / End-of-care reasons"
Description: "Tous les codes de ParcoursCodeSystemEndOfCareReason. — All codes of ParcoursCodeSystemEndOfCareReason."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemEndOfCareReason
