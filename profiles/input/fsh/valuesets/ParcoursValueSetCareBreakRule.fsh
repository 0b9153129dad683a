ValueSet: ParcoursValueSetCareBreakRule
Id: parcours-care-break-rule
Title: "Règles de la veille des ruptures de soins / Care-break watch rules"
Description: "Tous les codes de ParcoursCodeSystemCareBreakRule. — All codes of ParcoursCodeSystemCareBreakRule."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemCareBreakRule
