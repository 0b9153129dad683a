ValueSet: ParcoursValueSetGoal
Id: parcours-goal
Title: "Objectifs de la personne / The person's goals"
Description: "Tous les codes de ParcoursCodeSystemGoal. — All codes of ParcoursCodeSystemGoal."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemGoal
