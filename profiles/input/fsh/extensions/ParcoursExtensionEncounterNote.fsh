Extension: ParcoursExtensionEncounterNote
Id: parcours-encounter-note
Title: "Note sur la rencontre / Encounter note"
Description: "Ce que le professionnel note d'une rencontre (R4 Encounter n'a pas d'élément note). Portée par la rencontre, la note en partage l'étiquette de sensibilité (PSY pour un contenu psychothérapeutique). — What the professional notes about an encounter (R4 Encounter has no note); carried by the encounter, it shares its sensitivity label."
* insert ParcoursMetadata
* ^context[0].type = #element
* ^context[0].expression = "Encounter"
* value[x] 1..1
* value[x] only Annotation
* valueAnnotation.text 1..1
