ValueSet: ParcoursValueSetActivity
Id: parcours-activity
Title: "Activités du plan Parcours / Parcours care plan activities"
Description: "Tous les codes de ParcoursCodeSystemActivity. — All codes of ParcoursCodeSystemActivity."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemActivity
