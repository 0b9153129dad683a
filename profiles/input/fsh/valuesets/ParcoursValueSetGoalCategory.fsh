ValueSet: ParcoursValueSetGoalCategory
Id: parcours-goal-category
Title: "Catégories d'objectifs / Goal categories"
Description: "Tous les codes de ParcoursCodeSystemGoalCategory. — All codes of ParcoursCodeSystemGoalCategory."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemGoalCategory
