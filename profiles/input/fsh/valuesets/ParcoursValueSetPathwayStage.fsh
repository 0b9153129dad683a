ValueSet: ParcoursValueSetPathwayStage
Id: parcours-pathway-stage
Title: "Étapes de la feuille de route RdR / Harm-reduction roadmap stages"
Description: "Tous les codes de ParcoursCodeSystemPathwayStage. — All codes of ParcoursCodeSystemPathwayStage."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemPathwayStage
