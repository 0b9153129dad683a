ValueSet: ParcoursValueSetSubstance
Id: parcours-substance
Title: "Substances consommées / Substances used"
Description: "Tous les codes de ParcoursCodeSystemSubstance. — All codes of ParcoursCodeSystemSubstance."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemSubstance
