CodeSystem: ParcoursCodeSystemCarePlanCategory
Id: parcours-careplan-category
Title: "Catégories de plan Parcours / Parcours care plan categories"
Description: "Catégorie qui distingue le plan partagé Parcours. — Category that marks the Parcours shared care plan."
* insert ParcoursCodeSystem
* #plan-partage "Plan de soins partagé Parcours" "Le plan unique partagé par l'équipe et la personne."
* #plan-partage insert En(Parcours shared care plan)
