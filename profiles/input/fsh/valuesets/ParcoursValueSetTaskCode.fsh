ValueSet: ParcoursValueSetTaskCode
Id: parcours-task-code
Title: "Types de tâche Parcours / Parcours task types"
Description: "Tous les codes de ParcoursCodeSystemTaskCode. — All codes of ParcoursCodeSystemTaskCode."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemTaskCode
