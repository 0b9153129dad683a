ValueSet: ParcoursValueSetEncounterType
Id: parcours-encounter-type
Title: "Types de rencontre Parcours / Parcours encounter types"
Description: "Tous les codes de ParcoursCodeSystemEncounterType. — All codes of ParcoursCodeSystemEncounterType."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemEncounterType
